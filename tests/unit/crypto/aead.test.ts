import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptAead, encryptAead, generateWorkspaceKey, readyCrypto } from '$lib/crypto';

beforeAll(readyCrypto);

const bytes = (...values: number[]) => new Uint8Array(values);

describe('encryptAead / decryptAead', () => {
  it('round-trips any plaintext and associated data (seeded)', () => {
    const key = generateWorkspaceKey();
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.uint8Array({ maxLength: 80 }),
        (plaintext, associatedData) => {
          const { nonce, ciphertext } = encryptAead({ plaintext, associatedData, key });
          expect(nonce).toHaveLength(24);
          expect(ciphertext).toHaveLength(plaintext.length + 16);
          expect(decryptAead({ ciphertext, nonce, associatedData, key })).toEqual({
            ok: true,
            plaintext,
          });
        },
      ),
      { seed: 0xaead, numRuns: 200 },
    );
  });

  it('draws a fresh nonce every time', () => {
    const key = generateWorkspaceKey();
    const input = { plaintext: bytes(1, 2, 3), associatedData: bytes(), key };
    const first = encryptAead(input);
    const second = encryptAead(input);
    expect(first.nonce).not.toEqual(second.nonce);
    expect(first.ciphertext).not.toEqual(second.ciphertext);
  });

  it('fails with a wrong key, wrong associated data or any flipped bit', () => {
    const key = generateWorkspaceKey();
    const associatedData = bytes(9, 9, 9);
    const { nonce, ciphertext } = encryptAead({ plaintext: bytes(1, 2, 3), associatedData, key });
    const failed = { ok: false, code: 'DECRYPT_FAILED' };
    expect(decryptAead({ ciphertext, nonce, associatedData, key: generateWorkspaceKey() })).toEqual(
      failed,
    );
    expect(decryptAead({ ciphertext, nonce, associatedData: bytes(9, 9, 8), key })).toEqual(failed);
    expect(decryptAead({ ciphertext, nonce, associatedData: bytes(), key })).toEqual(failed);
    for (let bit = 0; bit < ciphertext.length * 8; bit += 1) {
      const tampered = ciphertext.slice();
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      expect(decryptAead({ ciphertext: tampered, nonce, associatedData, key })).toEqual(failed);
    }
    for (let bit = 0; bit < nonce.length * 8; bit += 1) {
      const tampered = nonce.slice();
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      expect(decryptAead({ ciphertext, nonce: tampered, associatedData, key })).toEqual(failed);
    }
  });

  it('never throws on malformed input', () => {
    const key = generateWorkspaceKey();
    const good = {
      ciphertext: new Uint8Array(20),
      nonce: new Uint8Array(24),
      associatedData: bytes(),
      key,
    };
    const failed = { ok: false, code: 'DECRYPT_FAILED' };
    const variants: Record<string, unknown>[] = [
      { ciphertext: new Uint8Array(0) },
      { ciphertext: new Uint8Array(15) },
      { nonce: new Uint8Array(12) },
      { nonce: new Uint8Array(0) },
      { key: new Uint8Array(31) },
      { key: new Uint8Array(0) },
      { ciphertext: 'text' },
      { nonce: null },
      { associatedData: undefined },
      { key: [1, 2, 3] },
    ];
    for (const variant of variants) {
      const input = { ...good, ...variant } as Parameters<typeof decryptAead>[0];
      expect(decryptAead(input), JSON.stringify(variant)).toEqual(failed);
    }
  });
});
