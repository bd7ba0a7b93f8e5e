import { describe, expect, it } from 'vitest';
import {
  AGREEMENT_SECTION_KEYS,
  AGREEMENT_TEMPLATE,
  agreementSectionText,
  readAgreement,
  setAgreementSection,
  unfilledAgreementSections,
} from '$lib/workspace';
import { createPairDoc, expectOk, MENTEE } from '../support/pairDoc';

describe('unfilledAgreementSections', () => {
  it('lists every section of a new agreement, in template order', () => {
    expect(unfilledAgreementSections(readAgreement(createPairDoc()))).toEqual([
      ...AGREEMENT_SECTION_KEYS,
    ]);
  });

  it('drops a section once the pair writes in it, and counts blank text as empty', () => {
    const doc = createPairDoc();
    expectOk(setAgreementSection(doc, { by: MENTEE, key: 'purpose', text: 'Grow as a writer.' }));
    expectOk(setAgreementSection(doc, { by: MENTEE, key: 'ending', text: ' \n\t ' }));
    const unfilled = unfilledAgreementSections(readAgreement(doc));
    expect(unfilled).not.toContain('purpose');
    expect(unfilled).toContain('ending');
    expect(unfilled).toHaveLength(AGREEMENT_SECTION_KEYS.length - 1);
  });

  it('counts an older doc’s template sentence, or a pasted prompt, as not filled in', () => {
    // What createWorkspace wrote into the doc before the prompts became placeholders.
    const doc = createPairDoc();
    agreementSectionText(doc, 'meetings').insert(
      0,
      'We meet at the cadence and for the length below. If one of us cannot make it, we \u2026\n',
    );
    agreementSectionText(doc, 'term').insert(0, AGREEMENT_TEMPLATE.term.prompt);
    agreementSectionText(doc, 'purpose').insert(
      0,
      'Why we meet: what the mentee wants to grow in, and what the mentor hopes to offer. We add: field work.',
    );
    const unfilled = unfilledAgreementSections(readAgreement(doc));
    expect(unfilled).toContain('meetings');
    expect(unfilled).toContain('term');
    // Text added to the old sentence is the pair's own: filled in.
    expect(unfilled).not.toContain('purpose');
  });
});
