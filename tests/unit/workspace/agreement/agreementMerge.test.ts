import { describe, expect, it } from 'vitest';
import {
  agreementSectionText,
  canonicalAgreementBytes,
  readAgreement,
  setAgreementSection,
  updateAgreementTerms,
} from '$lib/workspace';
import { createPairDoc, expectOk, forkDoc, MENTEE, MENTOR, syncDocs } from '../support/pairDoc';

describe('both people editing the agreement while apart', () => {
  it('merges edits of the same section character by character', () => {
    const mentorDoc = createPairDoc(1);
    expectOk(
      setAgreementSection(mentorDoc, { by: MENTOR, key: 'purpose', text: 'Grow as a researcher.' }),
    );
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(
      setAgreementSection(mentorDoc, {
        by: MENTOR,
        key: 'purpose',
        text: 'Grow as a field researcher.',
      }),
    );
    expectOk(
      setAgreementSection(menteeDoc, {
        by: MENTEE,
        key: 'purpose',
        text: 'Grow as a researcher and writer.',
      }),
    );
    syncDocs(mentorDoc, menteeDoc);
    const merged = 'Grow as a field researcher and writer.';
    expect(readAgreement(mentorDoc).sections.purpose).toBe(merged);
    expect(agreementSectionText(menteeDoc, 'purpose').toString()).toBe(merged);
    expect(canonicalAgreementBytes(menteeDoc)).toEqual(canonicalAgreementBytes(mentorDoc));
  });

  it('merges different terms field by field, and channels one by one', () => {
    const mentorDoc = createPairDoc(1);
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(
      updateAgreementTerms(mentorDoc, {
        by: MENTOR,
        meetingMinutes: 45,
        channels: ['video', 'chat', 'email'],
      }),
    );
    expectOk(
      updateAgreementTerms(menteeDoc, {
        by: MENTEE,
        checkInCadence: { every: 3, unit: 'day' },
        channels: ['video', 'phone', 'chat'],
      }),
    );
    syncDocs(mentorDoc, menteeDoc);
    for (const doc of [mentorDoc, menteeDoc]) {
      expect(readAgreement(doc).terms).toMatchObject({
        meetingMinutes: 45,
        checkInCadence: { every: 3, unit: 'day' },
        channels: ['video', 'phone', 'chat', 'email'],
      });
    }
  });

  it('settles a conflict on the same term the same way on both devices', () => {
    const mentorDoc = createPairDoc(1);
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(updateAgreementTerms(mentorDoc, { by: MENTOR, meetingMinutes: 45 }));
    expectOk(updateAgreementTerms(menteeDoc, { by: MENTEE, meetingMinutes: 90 }));
    syncDocs(mentorDoc, menteeDoc);
    expect(readAgreement(mentorDoc).terms.meetingMinutes).toBe(
      readAgreement(menteeDoc).terms.meetingMinutes,
    );
    expect([45, 90]).toContain(readAgreement(mentorDoc).terms.meetingMinutes);
  });
});
