import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateDeviceIdentity,
  generatePersonIdentity,
  isSigningKeyPair,
  readyCrypto,
} from '$lib/crypto';

beforeAll(async () => {
  await readyCrypto();
});

describe('isSigningKeyPair', () => {
  it('accepts a key pair as generated', () => {
    const person = generatePersonIdentity();
    expect(isSigningKeyPair(person.signing.publicKey, person.signing.secretKey)).toBe(true);
  });

  it('refuses another public key, and a seed from another pair under the right tail', () => {
    const person = generatePersonIdentity();
    const other = generateDeviceIdentity();
    expect(isSigningKeyPair(other.signing.publicKey, person.signing.secretKey)).toBe(false);
    const forged = person.signing.secretKey.slice();
    forged.set(other.signing.secretKey.subarray(0, 32), 0);
    expect(isSigningKeyPair(person.signing.publicKey, forged)).toBe(false);
    const wrongTail = person.signing.secretKey.slice();
    wrongTail[40] = wrongTail[40]! ^ 1;
    expect(isSigningKeyPair(person.signing.publicKey, wrongTail)).toBe(false);
  });

  it('refuses wrong sizes and non-bytes', () => {
    const person = generatePersonIdentity();
    expect(isSigningKeyPair(person.signing.publicKey.subarray(1), person.signing.secretKey)).toBe(
      false,
    );
    expect(isSigningKeyPair(person.signing.publicKey, person.signing.secretKey.subarray(1))).toBe(
      false,
    );
    expect(isSigningKeyPair('key', person.signing.secretKey)).toBe(false);
    expect(isSigningKeyPair(person.signing.publicKey, undefined)).toBe(false);
  });
});
