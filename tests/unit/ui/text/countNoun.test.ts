import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { agreementRecord, updateAgreementTerms } from '$lib/workspace';
import RecordAgreement from '$lib/ui/record/RecordAgreement.svelte';
import { countNoun } from '$lib/ui/text/countNoun';
import { currentHash } from '../../workspace/support/agreementHash';
import { createPairDoc, expectOk, MENTOR } from '../../workspace/support/pairDoc';

describe('countNoun', () => {
  it('puts the noun in the singular for one and the plural otherwise', () => {
    expect(countNoun(1, 'session')).toBe('1 session');
    expect(countNoun(0, 'session')).toBe('0 sessions');
    expect(countNoun(3, 'session')).toBe('3 sessions');
    expect(countNoun(2, 'person', 'people')).toBe('2 people');
  });
});

describe('counts in the record', () => {
  it('says "every 1 session" and "within 1 hour", not "1 sessions"', () => {
    const doc = createPairDoc();
    expectOk(
      updateAgreementTerms(doc, {
        by: MENTOR,
        reviewEverySessions: 1,
        responseTimeHours: 1,
        checkInCadence: { every: 1, unit: 'week' },
      }),
    );
    const { body } = render(RecordAgreement, {
      props: {
        record: agreementRecord(doc, currentHash(doc)),
        nameOf: () => '',
        timeZone: 'UTC',
      },
    });
    expect(body).toContain('Review every 1 session<');
    expect(body).toContain('Answers within 1 hour<');
    expect(body).toContain('Check-ins: every 1 week<');
    expect(body).not.toMatch(/\b1 (sessions|hours|weeks)\b/);
  });
});
