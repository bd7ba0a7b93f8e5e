// Every case of the Project Wycheproof XChaCha20-Poly1305 and Ed25519 files (copied into
// tests/fixtures/vectors, see its README) runs through the crypto module. Counts are asserted so
// that an empty or truncated fixture fails instead of passing vacuously.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptAead, readyCrypto } from '$lib/crypto';
import { encryptAeadWithNonce } from '$lib/crypto/encryptAeadWithNonce';
import { verifyEd25519 } from '$lib/crypto/verifyEd25519';

interface AeadCase {
  tcId: number;
  flags: string[];
  key: string;
  iv: string;
  aad: string;
  msg: string;
  ct: string;
  tag: string;
  result: 'valid' | 'invalid' | 'acceptable';
}
interface EddsaCase {
  tcId: number;
  flags: string[];
  msg: string;
  sig: string;
  result: 'valid' | 'invalid' | 'acceptable';
}
interface VectorFile<Group> {
  algorithm: string;
  numberOfTests: number;
  testGroups: Group[];
}

const readVectors = <Group>(name: string): VectorFile<Group> =>
  JSON.parse(
    readFileSync(new URL(`../../fixtures/vectors/${name}`, import.meta.url), 'utf8'),
  ) as VectorFile<Group>;

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

beforeAll(readyCrypto);

describe('Wycheproof XChaCha20-Poly1305', () => {
  const file = readVectors<{ ivSize: number; tests: AeadCase[] }>('xchacha20_poly1305_test.json');
  const cases = file.testGroups.flatMap((group) => group.tests);

  it('holds the expected number of cases', () => {
    expect(file.algorithm).toBe('XCHACHA20-POLY1305');
    expect(cases).toHaveLength(file.numberOfTests);
    expect(cases).toHaveLength(315);
    expect(cases.filter((c) => c.result === 'valid')).toHaveLength(246);
    expect(cases.filter((c) => c.result === 'invalid')).toHaveLength(69);
    // No case is "acceptable" (implementation-defined), so every case has one right answer.
    expect(cases.filter((c) => c.result === 'acceptable')).toHaveLength(0);
  });

  it('decrypts every valid case to its plaintext and encrypts it to its ciphertext and tag', () => {
    let ran = 0;
    for (const c of cases.filter((c) => c.result === 'valid')) {
      const opened = decryptAead({
        ciphertext: hex(c.ct + c.tag),
        nonce: hex(c.iv),
        associatedData: hex(c.aad),
        key: hex(c.key),
      });
      expect(opened, `tcId ${c.tcId}`).toEqual({ ok: true, plaintext: hex(c.msg) });
      const sealed = encryptAeadWithNonce({
        plaintext: hex(c.msg),
        associatedData: hex(c.aad),
        key: hex(c.key),
        nonce: hex(c.iv),
      });
      expect(toHex(sealed), `tcId ${c.tcId}`).toBe(c.ct + c.tag);
      ran += 1;
    }
    expect(ran).toBe(246);
  });

  it('refuses to open every invalid case (modified tags, wrong nonce sizes)', () => {
    let ran = 0;
    for (const c of cases.filter((c) => c.result === 'invalid')) {
      const opened = decryptAead({
        ciphertext: hex(c.ct + c.tag),
        nonce: hex(c.iv),
        associatedData: hex(c.aad),
        key: hex(c.key),
      });
      expect(opened, `tcId ${c.tcId} ${c.flags.join(',')}`).toEqual({
        ok: false,
        code: 'DECRYPT_FAILED',
      });
      ran += 1;
    }
    expect(ran).toBe(69);
  });
});

describe('Wycheproof Ed25519', () => {
  const file = readVectors<{ publicKey: { pk: string }; tests: EddsaCase[] }>('ed25519_test.json');
  const cases = file.testGroups.flatMap((group) =>
    group.tests.map((test) => ({ ...test, pk: group.publicKey.pk })),
  );

  it('holds the expected number of cases', () => {
    expect(file.algorithm).toBe('EDDSA');
    expect(cases).toHaveLength(file.numberOfTests);
    expect(cases).toHaveLength(151);
    expect(cases.filter((c) => c.result === 'acceptable')).toHaveLength(0);
  });

  it('verifies every valid case', () => {
    const valid = cases.filter((c) => c.result === 'valid');
    for (const c of valid) {
      const ok = verifyEd25519({
        signature: hex(c.sig),
        message: hex(c.msg),
        publicKey: hex(c.pk),
      });
      expect(ok, `tcId ${c.tcId} ${c.flags.join(',')}`).toBe(true);
    }
    expect(valid).toHaveLength(88);
  });

  it('rejects every invalid case, whatever its flag (none had to be skipped)', () => {
    const invalid = cases.filter((c) => c.result === 'invalid');
    for (const c of invalid) {
      const ok = verifyEd25519({
        signature: hex(c.sig),
        message: hex(c.msg),
        publicKey: hex(c.pk),
      });
      expect(ok, `tcId ${c.tcId} ${c.flags.join(',')}`).toBe(false);
    }
    expect(invalid).toHaveLength(63);
    // The flags the file uses on invalid cases; all are met by libsodium's strict verifier
    // (canonical S, canonical R and key, exact 64-byte length), so none is excused.
    const flags = new Set(invalid.flatMap((c) => c.flags));
    expect([...flags].sort()).toEqual([
      'CompressedSignature',
      'InvalidEncoding',
      'InvalidKtv',
      'InvalidSignature',
      'SignatureMalleability',
      'SignatureWithGarbage',
      'TruncatedSignature',
    ]);
  });
});
