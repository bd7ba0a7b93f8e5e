import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AGREEMENT_SECTION_KEYS,
  agreementSectionText,
  canonicalAgreementBytes,
  CANONICAL_AGREEMENT_PREFIX,
  parseCanonicalAgreement,
  readAgreement,
  setAgreementSection,
  updateAgreementTerms,
  type AgreementTerms,
} from '$lib/workspace';
import { ROOT } from '$lib/workspace/docShape';
import { canonicalJson } from '$lib/workspace/agreement/canonicalJson';
import { encodeCanonicalAgreement } from '$lib/workspace/agreement/canonicalAgreementBytes';
import { createPairDoc, expectError, expectOk, MENTEE, MENTOR, newDoc } from '../support/pairDoc';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Write the same agreement content into a fresh doc, in the given order of operations. */
function agreementDoc(clientId: number, order: 'forward' | 'reverse'): Y.Doc {
  const doc = newDoc(clientId);
  const sections = AGREEMENT_SECTION_KEYS.map((key) => [key, `Text of ${key}.`] as const);
  const terms: Array<[string, unknown]> = [
    ['meetingCadence', { unit: 'week', every: 1 }],
    ['meetingMinutes', 45],
    ['checkInCadence', { every: 3, unit: 'day' }],
    ['reviewEverySessions', 3],
    ['responseTimeHours', 24],
    ['termStart', '2025-01-06'],
    ['termEnd', '2025-12-31'],
  ];
  const channels: Array<[string, boolean]> = [
    ['video', true],
    ['phone', false],
    ['chat', true],
    ['email', true],
  ];
  const steps = [
    ...sections.map(
      ([key, text]) =>
        () =>
          agreementSectionText(doc, key).insert(0, text),
    ),
    ...terms.map(
      ([key, value]) =>
        () =>
          doc.getMap(ROOT.agreement).set(key, value),
    ),
    ...channels.map(
      ([key, value]) =>
        () =>
          doc.getMap(ROOT.agreementChannels).set(key, value),
    ),
  ];
  for (const step of order === 'forward' ? steps : [...steps].reverse()) step();
  return doc;
}

describe('canonicalAgreementBytes', () => {
  it('starts with the version prefix and holds sorted, compact JSON', () => {
    const text = decode(canonicalAgreementBytes(agreementDoc(1, 'forward')));
    expect(text.startsWith(CANONICAL_AGREEMENT_PREFIX)).toBe(true);
    expect(CANONICAL_AGREEMENT_PREFIX).toBe('trellis/agreement/v1\n');
    const json = text.slice(CANONICAL_AGREEMENT_PREFIX.length);
    expect(json).toBe(
      '{"sections":{"channels":"Text of channels.","confidentiality":"Text of confidentiality.",' +
        '"doNotContact":"Text of doNotContact.","ending":"Text of ending.",' +
        '"feedbackRules":"Text of feedbackRules.","meetings":"Text of meetings.",' +
        '"menteeExpectations":"Text of menteeExpectations.",' +
        '"mentorExpectations":"Text of mentorExpectations.","purpose":"Text of purpose.",' +
        '"responseTimes":"Text of responseTimes.","term":"Text of term."},' +
        '"terms":{"channels":["video","chat","email"],"checkInCadence":{"every":3,"unit":"day"},' +
        '"meetingCadence":{"every":1,"unit":"week"},"meetingMinutes":45,' +
        '"responseTimeHours":24,"reviewEverySessions":3,"termEnd":"2025-12-31",' +
        '"termStart":"2025-01-06"}}',
    );
  });

  it('does not depend on the order of edits, devices or client ids', () => {
    const forward = canonicalAgreementBytes(agreementDoc(1, 'forward'));
    const reverse = canonicalAgreementBytes(agreementDoc(987654, 'reverse'));
    expect(reverse).toEqual(forward);
  });

  it('normalises text to NFC, so composed and decomposed accents sign alike', () => {
    const composed = createPairDoc(1);
    const decomposed = createPairDoc(1);
    expectOk(
      setAgreementSection(composed, { by: MENTOR, key: 'purpose', text: 'Caf\u00e9 talks' }),
    );
    expectOk(
      setAgreementSection(decomposed, { by: MENTOR, key: 'purpose', text: 'Cafe\u0301 talks' }),
    );
    expect(canonicalAgreementBytes(decomposed)).toEqual(canonicalAgreementBytes(composed));
    expect(decode(canonicalAgreementBytes(composed))).toContain('"purpose":"Caf\u00e9 talks"');
  });

  it('changes when any section or term changes, and back when the change is undone', () => {
    const doc = createPairDoc();
    const original = canonicalAgreementBytes(doc);
    const seen = new Set([decode(original)]);
    for (const key of AGREEMENT_SECTION_KEYS) {
      const before = readAgreement(doc).sections[key];
      expectOk(setAgreementSection(doc, { by: MENTEE, key, text: `${before}!` }));
      const changed = decode(canonicalAgreementBytes(doc));
      expect(seen.has(changed)).toBe(false);
      seen.add(changed);
      expectOk(setAgreementSection(doc, { by: MENTEE, key, text: before }));
      expect(canonicalAgreementBytes(doc)).toEqual(original);
    }
    const changes: Array<Partial<AgreementTerms>> = [
      { meetingCadence: { every: 3, unit: 'week' } },
      { meetingMinutes: 90 },
      { checkInCadence: { every: 2, unit: 'week' } },
      { reviewEverySessions: 6 },
      { responseTimeHours: 12 },
      { termStart: '2025-01-07' },
      { termEnd: '2025-08-01' },
      { channels: ['video', 'phone', 'chat'] },
    ];
    const terms = readAgreement(doc).terms;
    for (const change of changes) {
      expectOk(updateAgreementTerms(doc, { by: MENTOR, ...change }));
      const changed = decode(canonicalAgreementBytes(doc));
      expect(seen.has(changed)).toBe(false);
      seen.add(changed);
      expectOk(updateAgreementTerms(doc, { by: MENTOR, ...terms }));
      expect(canonicalAgreementBytes(doc)).toEqual(original);
    }
  });

  it('ignores everything outside the agreement', () => {
    const doc = createPairDoc();
    const before = canonicalAgreementBytes(doc);
    doc.getMap(ROOT.meta).set('title', 'Renamed');
    doc.getMap(ROOT.goals).set('g', new Y.Map());
    doc.getMap(ROOT.agreement).set('unknownFutureField', 'x');
    expect(canonicalAgreementBytes(doc)).toEqual(before);
  });

  it('escapes lone surrogates and control characters deterministically', () => {
    const doc = createPairDoc();
    expectOk(setAgreementSection(doc, { by: MENTOR, key: 'purpose', text: 'a\ud800b\u0000"\\' }));
    const text = decode(canonicalAgreementBytes(doc));
    expect(text).toContain('"purpose":"a\\ud800b\\u0000\\"\\\\"');
  });

  it('reads back what it wrote, and rejects anything not canonical', () => {
    const doc = createPairDoc();
    const bytes = canonicalAgreementBytes(doc);
    const content = parseCanonicalAgreement(bytes);
    expect(content).toEqual(readAgreement(doc));
    expect(encodeCanonicalAgreement(content!)).toEqual(bytes);
    const text = decode(bytes);
    expect(
      parseCanonicalAgreement(text.replace('trellis/agreement/v1', 'trellis/agreement/v2')),
    ).toBeUndefined();
    expect(
      parseCanonicalAgreement(text.replace('"meetingMinutes":60', '"meetingMinutes": 60')),
    ).toBeUndefined();
    expect(
      parseCanonicalAgreement(text.replace('"meetingMinutes":60', '"meetingMinutes":-1')),
    ).toBeUndefined();
    expect(parseCanonicalAgreement(`${CANONICAL_AGREEMENT_PREFIX}{}`)).toBeUndefined();
    expect(parseCanonicalAgreement(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: undefined, c: null })).toBe(
      '{"b":[{"c":2,"d":1}],"c":null}',
    );
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ x: () => 1 })).toThrow(TypeError);
  });
});

describe('updateAgreementTerms validation', () => {
  it('rejects bad terms with the field at fault', () => {
    const doc = createPairDoc();
    expectError(
      updateAgreementTerms(doc, { by: MENTOR, meetingCadence: { every: 0, unit: 'week' } }),
      'INVALID_CADENCE',
      'meetingCadence',
    );
    expectError(
      updateAgreementTerms(doc, { by: MENTOR, meetingMinutes: 2 }),
      'OUT_OF_RANGE',
      'meetingMinutes',
    );
    expectError(
      updateAgreementTerms(doc, { by: MENTOR, reviewEverySessions: 0 }),
      'OUT_OF_RANGE',
      'reviewEverySessions',
    );
    expectError(
      updateAgreementTerms(doc, { by: MENTOR, termEnd: '2025-02-30' }),
      'INVALID_DATE',
      'termEnd',
    );
    expectError(
      updateAgreementTerms(doc, { by: MENTOR, termEnd: '2025-01-06' }),
      'INVALID_RANGE',
      'termEnd',
    );
    expectError(
      updateAgreementTerms(doc, { by: MENTOR, termStart: '2026-01-01' }),
      'INVALID_RANGE',
      'termStart',
    );
    expectError(
      updateAgreementTerms(doc, { by: MENTOR, channels: ['pigeon' as 'chat'] }),
      'INVALID_VALUE',
      'channels',
    );
    expectError(
      setAgreementSection(doc, { by: MENTOR, key: 'nope' as 'purpose', text: '' }),
      'INVALID_VALUE',
      'key',
    );
    expectOk(updateAgreementTerms(doc, { by: MENTOR, termEnd: null }));
    expect(readAgreement(doc).terms.termEnd).toBeNull();
  });
});
