// The device certificate: the person key's signature over a device's id and box key. Only a
// certified entry may receive a rotated epoch key, so every way of bending an entry must fail.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fromBase64Url,
  readyCrypto,
  toBase64Url,
  type DeviceIdentity,
  type PersonIdentity,
} from '$lib/crypto';
import { isDeviceCertified } from '$lib/state/identity/deviceCertificate';
import { seededIdentity } from '../../../support/harness/seededIdentity';
import { certifiedEntry, seededPerson } from './identityFixture';

let person: PersonIdentity;
let other: PersonIdentity;
let laptop: DeviceIdentity;
let phone: DeviceIdentity;

beforeAll(async () => {
  await readyCrypto();
  person = await seededPerson('p');
  other = await seededPerson('q');
  laptop = await seededIdentity('cert/laptop');
  phone = await seededIdentity('cert/phone');
});

/** `text` (base64url) with one bit of byte `index` flipped. */
function flipBit(text: string, index: number): string {
  const bytes = fromBase64Url(text);
  if (!bytes) throw new Error('not base64url');
  bytes[index] = (bytes[index] ?? 0) ^ 1;
  return toBase64Url(bytes);
}

describe('isDeviceCertified', () => {
  it('accepts an entry its own person certified', () => {
    expect(isDeviceCertified(certifiedEntry({ person, device: laptop }))).toBe(true);
    expect(isDeviceCertified(certifiedEntry({ person: other, device: phone }))).toBe(true);
  });

  it('refuses the entry filed under another person', () => {
    const entry = certifiedEntry({ person, device: laptop });
    expect(isDeviceCertified({ ...entry, personId: other.personId })).toBe(false);
  });

  it('refuses a certificate signed by another person', () => {
    const entry = certifiedEntry({ person, device: laptop });
    const forged = certifiedEntry({ person: other, device: laptop }).certificate;
    expect(isDeviceCertified({ ...entry, certificate: forged })).toBe(false);
  });

  it('refuses another box key under a valid certificate', () => {
    const entry = certifiedEntry({ person, device: laptop });
    expect(isDeviceCertified({ ...entry, boxPublicKey: toBase64Url(phone.box.publicKey) })).toBe(
      false,
    );
    expect(isDeviceCertified({ ...entry, boxPublicKey: flipBit(entry.boxPublicKey, 0) })).toBe(
      false,
    );
  });

  it('refuses the certificate moved to another device', () => {
    const entry = certifiedEntry({ person, device: laptop });
    expect(isDeviceCertified({ ...entry, deviceId: phone.deviceId })).toBe(false);
  });

  it('refuses a tampered signature, whichever bit is flipped', () => {
    const entry = certifiedEntry({ person, device: laptop });
    for (const index of [0, 17, 31, 32, 50, 63]) {
      expect(isDeviceCertified({ ...entry, certificate: flipBit(entry.certificate, index) })).toBe(
        false,
      );
    }
  });

  it('refuses malformed base64url in any field without throwing', () => {
    const entry = certifiedEntry({ person, device: laptop });
    const malformed = ['', '!!!!', 'a', entry.certificate.slice(0, 40), `${entry.deviceId}AA`];
    for (const field of ['deviceId', 'personId', 'boxPublicKey', 'certificate'] as const) {
      for (const value of malformed) {
        expect(isDeviceCertified({ ...entry, [field]: value }), `${field}=${value}`).toBe(false);
      }
    }
  });

  it("refuses the same person's certificate for another of their devices", () => {
    const entry = certifiedEntry({ person, device: laptop });
    // A genuine signature by the right person, over another device's id and box key.
    const foreign = certifiedEntry({ person, device: phone }).certificate;
    expect(isDeviceCertified({ ...entry, certificate: foreign })).toBe(false);
  });
});
