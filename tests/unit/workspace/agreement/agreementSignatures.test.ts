import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  agreementSignatureState,
  canonicalAgreementBytes,
  closeWorkspace,
  listAgreementSignatures,
  listSignedAgreementVersions,
  recordAgreementSignature,
  setAgreementSection,
  updateAgreementTerms,
} from '$lib/workspace';
import { ROOT } from '$lib/workspace/docShape';
import {
  createPairDoc,
  expectError,
  expectOk,
  forkDoc,
  MENTEE,
  MENTOR,
  syncDocs,
} from '../support/pairDoc';
import { currentHash, hashOf } from '../support/agreementHash';

function sign(doc: Y.Doc, personId: string, signedAt: string) {
  const bytes = canonicalAgreementBytes(doc);
  return recordAgreementSignature(doc, {
    personId,
    contentHash: hashOf(bytes),
    signature: `sig-of-${personId}-${hashOf(bytes).slice(0, 8)}`,
    publicKey: `key-of-${personId}`,
    signedAt,
    content: bytes,
  });
}

const states = (doc: Y.Doc) =>
  Object.fromEntries(
    agreementSignatureState(doc, currentHash(doc)).people.map((person) => [
      person.personId,
      person.state,
    ]),
  );

describe('agreement signatures', () => {
  it('moves from unsigned to signed to changed-since-signed and back to signed', () => {
    const doc = createPairDoc();
    expect(states(doc)).toEqual({ [MENTOR]: 'unsigned', [MENTEE]: 'unsigned' });
    expect(agreementSignatureState(doc, currentHash(doc))).toMatchObject({
      allSigned: false,
      changedSinceSigned: false,
    });

    expectOk(sign(doc, MENTOR, '2025-01-07T10:00:00.000Z'));
    expect(states(doc)).toEqual({ [MENTOR]: 'signed', [MENTEE]: 'unsigned' });
    expectOk(sign(doc, MENTEE, '2025-01-07T12:00:00.000Z'));
    const both = agreementSignatureState(doc, currentHash(doc));
    expect(both.allSigned).toBe(true);
    expect(both.people[0]).toMatchObject({
      personId: MENTOR,
      state: 'signed',
      signedAt: '2025-01-07T10:00:00.000Z',
    });

    expectOk(
      setAgreementSection(doc, {
        by: MENTEE,
        key: 'confidentiality',
        text: 'Nothing leaves this pair.',
      }),
    );
    expect(states(doc)).toEqual({
      [MENTOR]: 'changed-since-signed',
      [MENTEE]: 'changed-since-signed',
    });
    expect(agreementSignatureState(doc, currentHash(doc))).toMatchObject({
      allSigned: false,
      changedSinceSigned: true,
    });

    expectOk(sign(doc, MENTEE, '2025-01-08T09:00:00.000Z'));
    expect(states(doc)).toEqual({ [MENTOR]: 'changed-since-signed', [MENTEE]: 'signed' });
    expect(agreementSignatureState(doc, currentHash(doc)).changedSinceSigned).toBe(true);
    expectOk(sign(doc, MENTOR, '2025-01-08T10:00:00.000Z'));
    expect(agreementSignatureState(doc, currentHash(doc))).toMatchObject({
      allSigned: true,
      changedSinceSigned: false,
    });
  });

  it('a term change also counts as a change since signing', () => {
    const doc = createPairDoc();
    expectOk(sign(doc, MENTOR, '2025-01-07T10:00:00.000Z'));
    expectOk(updateAgreementTerms(doc, { by: MENTEE, meetingMinutes: 45 }));
    expect(states(doc)[MENTOR]).toBe('changed-since-signed');
  });

  it('keeps every signed version readable, with who signed it and when', () => {
    const doc = createPairDoc();
    expectOk(setAgreementSection(doc, { by: MENTOR, key: 'purpose', text: 'Version one.' }));
    const firstHash = currentHash(doc);
    expectOk(sign(doc, MENTOR, '2025-01-07T10:00:00.000Z'));
    expectOk(sign(doc, MENTEE, '2025-01-07T11:00:00.000Z'));
    expectOk(setAgreementSection(doc, { by: MENTOR, key: 'purpose', text: 'Version two.' }));
    expectOk(sign(doc, MENTOR, '2025-02-01T10:00:00.000Z'));

    const versions = listSignedAgreementVersions(doc);
    expect(versions.map((version) => version.content?.sections.purpose)).toEqual([
      'Version one.',
      'Version two.',
    ]);
    expect(versions[0]?.contentHash).toBe(firstHash);
    expect(hashOf(versions[0]!.canonical)).toBe(firstHash);
    expect(versions[0]?.signatures.map((s) => [s.personId, s.signedAt])).toEqual([
      [MENTOR, '2025-01-07T10:00:00.000Z'],
      [MENTEE, '2025-01-07T11:00:00.000Z'],
    ]);
    expect(versions[1]?.signatures.map((s) => s.personId)).toEqual([MENTOR]);
    expect(listAgreementSignatures(doc)).toHaveLength(3);
  });

  it('records the bytes that were signed, not the doc as it is when recording', () => {
    const doc = createPairDoc();
    const signedBytes = canonicalAgreementBytes(doc);
    // The partner's edit arrives between hashing and recording.
    expectOk(setAgreementSection(doc, { by: MENTEE, key: 'purpose', text: 'Edited meanwhile.' }));
    expectOk(
      recordAgreementSignature(doc, {
        personId: MENTOR,
        contentHash: hashOf(signedBytes),
        signature: 'sig',
        publicKey: 'key',
        signedAt: '2025-01-07T10:00:00.000Z',
        content: signedBytes,
      }),
    );
    const [version] = listSignedAgreementVersions(doc);
    expect(version?.canonical).toEqual(signedBytes);
    expect(states(doc)[MENTOR]).toBe('changed-since-signed');
  });

  it('merges signatures recorded on both devices while apart', () => {
    const mentorDoc = createPairDoc(1);
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(sign(mentorDoc, MENTOR, '2025-01-07T10:00:00.000Z'));
    expectOk(sign(menteeDoc, MENTEE, '2025-01-07T10:05:00.000Z'));
    syncDocs(mentorDoc, menteeDoc);
    for (const doc of [mentorDoc, menteeDoc]) {
      expect(agreementSignatureState(doc, currentHash(doc)).allSigned).toBe(true);
      expect(listSignedAgreementVersions(doc)).toHaveLength(1);
    }
  });

  it('rejects malformed records and strangers', () => {
    const doc = createPairDoc();
    const good = {
      personId: MENTOR,
      contentHash: currentHash(doc),
      signature: 'sig',
      publicKey: 'key',
      signedAt: '2025-01-07T10:00:00.000Z',
    };
    expectError(
      recordAgreementSignature(doc, { ...good, signature: '' }),
      'INVALID_SIGNATURE_RECORD',
    );
    expectError(
      recordAgreementSignature(doc, { ...good, signedAt: 'yesterday' }),
      'INVALID_SIGNATURE_RECORD',
    );
    expectError(
      recordAgreementSignature(doc, { ...good, contentHash: 'x'.repeat(3000) }),
      'INVALID_SIGNATURE_RECORD',
    );
    expectError(
      recordAgreementSignature(doc, { ...good, personId: 'p-stranger' }),
      'UNKNOWN_PERSON',
    );
    expectError(
      recordAgreementSignature(doc, {
        ...good,
        content: new TextEncoder().encode('not an agreement'),
      }),
      'INVALID_SIGNATURE_RECORD',
      'content',
    );
    expect(listAgreementSignatures(doc)).toEqual([]);
  });

  it('ignores a record filed under someone else’s key', () => {
    const doc = createPairDoc();
    doc.getMap(ROOT.agreementSignatures).set(JSON.stringify([MENTEE, 'h']), {
      personId: MENTOR,
      contentHash: 'h',
      signature: 's',
      publicKey: 'k',
      signedAt: '2025-01-07T10:00:00.000Z',
    });
    expect(listAgreementSignatures(doc)).toEqual([]);
  });

  it('refuses to record signatures once the workspace is closed', () => {
    const doc = createPairDoc();
    expectOk(closeWorkspace(doc, { by: MENTOR }));
    expectError(sign(doc, MENTOR, '2025-01-07T10:00:00.000Z'), 'WORKSPACE_CLOSED');
  });
});
