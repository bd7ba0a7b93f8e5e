import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateDeviceIdentity, readyCrypto, toBase64Url, type DeviceIdentity } from '$lib/crypto';
import {
  checkAgreementSignatures,
  currentAgreementHash,
  signAgreement,
} from '$lib/state/agreementSignatures';
import {
  addPerson,
  agreementSignatureState,
  createWorkspace,
  setAgreementSection,
} from '$lib/workspace';

let mentor: DeviceIdentity;
let mentee: DeviceIdentity;

beforeAll(async () => {
  await readyCrypto();
  mentor = generateDeviceIdentity();
  mentee = generateDeviceIdentity();
});

function pairDoc(): Y.Doc {
  const doc = new Y.Doc();
  const at = new Date('2026-11-21T10:00:00Z');
  createWorkspace(doc, {
    title: 'Ana & Ben',
    creator: { personId: mentor.deviceId, name: 'Ben', role: 'mentor', timeZone: 'Europe/Berlin' },
    at,
  });
  addPerson(doc, {
    personId: mentee.deviceId,
    name: 'Ana',
    role: 'mentee',
    timeZone: 'Asia/Kathmandu',
    at,
  });
  return doc;
}

describe('agreement signatures', () => {
  it('verify when both sign, and the state turns to changed-since-signed after an edit', () => {
    const doc = pairDoc();
    expect(signAgreement(doc, { identity: mentor, personId: mentor.deviceId }).ok).toBe(true);
    expect(signAgreement(doc, { identity: mentee, personId: mentee.deviceId }).ok).toBe(true);
    const signedHash = currentAgreementHash(doc);
    expect([...checkAgreementSignatures(doc).values()]).toEqual([true, true]);
    expect(agreementSignatureState(doc, signedHash).allSigned).toBe(true);

    setAgreementSection(doc, { by: mentee.deviceId, key: 'purpose', text: 'Learn fieldwork.' });
    const state = agreementSignatureState(doc, currentAgreementHash(doc));
    expect(state.allSigned).toBe(false);
    expect(state.people.map((person) => person.state)).toEqual([
      'changed-since-signed',
      'changed-since-signed',
    ]);
    // The earlier signatures still verify against the version they signed.
    expect([...checkAgreementSignatures(doc).values()]).toEqual([true, true]);
  });

  it('rejects a signature made by a key other than the signer id names', () => {
    const doc = pairDoc();
    signAgreement(doc, { identity: mentee, personId: mentor.deviceId });
    expect([...checkAgreementSignatures(doc).values()]).toEqual([false]);
  });

  it('rejects a signed version whose stored content does not hash to its key', () => {
    const doc = pairDoc();
    signAgreement(doc, { identity: mentor, personId: mentor.deviceId });
    const hash = currentAgreementHash(doc);
    // A forged record: other content kept under the signed hash.
    const versions = doc.getMap('agreementVersions');
    const stored = versions.get(hash) as { canonical: string; recordedAt: string };
    versions.set(hash, { ...stored, canonical: stored.canonical.replace('"', '"x') });
    expect(checkAgreementSignatures(doc).get(`${mentor.deviceId}:${hash}`)).toBe(false);
  });

  it('hashes the current agreement as base64url of 32 bytes', () => {
    expect(currentAgreementHash(pairDoc())).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(toBase64Url(new Uint8Array(32))).toHaveLength(43);
  });
});
