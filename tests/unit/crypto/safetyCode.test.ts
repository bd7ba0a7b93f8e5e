// The safety code: an independent vector, the same code on both screens, and a different code
// for any other key or workspace. Keys come from a seeded BLAKE2b stream, so runs repeat exactly.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeSafetyCode,
  hashBytes,
  readyCrypto,
  toBase64Url,
  type SigningPublicKey,
  type WorkspaceId,
} from '$lib/crypto';

beforeAll(readyCrypto);

const bytesFrom = (start: number, length: number) =>
  Uint8Array.from({ length }, (_, index) => start + index);

/** Deterministic "random" bytes: BLAKE2b of a label and a counter. */
function seeded(label: string, counter: number, length: number): Uint8Array {
  const input = new TextEncoder().encode(`trellis-test/${label}/${counter}`);
  return hashBytes(input, 32).slice(0, length);
}
const keyOf = (counter: number) => seeded('identity-key', counter, 32) as SigningPublicKey;
const workspaceOf = (counter: number) =>
  toBase64Url(seeded('workspace', counter, 16)) as WorkspaceId;

const code = (workspaceId: WorkspaceId, a: SigningPublicKey, b: SigningPublicKey) =>
  computeSafetyCode({ workspaceId, identityKeys: [a, b] });

describe('computeSafetyCode', () => {
  it('matches a vector computed independently from the protocol text', () => {
    // Python: blake2b(b'trellis/safety-code/v1\0' + ws + lo + hi, digest_size=32), then six
    // 5-byte big-endian groups mod 100000.
    const workspaceId = toBase64Url(bytesFrom(0x10, 16)) as WorkspaceId;
    const a = bytesFrom(0x80, 32) as SigningPublicKey;
    const b = bytesFrom(0xa0, 32) as SigningPublicKey;
    expect(code(workspaceId, a, b)).toBe('29361 61204 06856 61158 80934 33552');
  });

  it('is six groups of five digits, the same on both sides', () => {
    for (let counter = 0; counter < 200; counter += 1) {
      const workspaceId = workspaceOf(counter);
      const a = keyOf(2 * counter);
      const b = keyOf(2 * counter + 1);
      const mine = code(workspaceId, a, b);
      expect(mine).toMatch(/^\d{5}( \d{5}){5}$/);
      expect(code(workspaceId, b, a)).toBe(mine);
    }
  });

  it('differs for any other partner key, own key or workspace', () => {
    const workspaceId = workspaceOf(0);
    const me = keyOf(0);
    const partner = keyOf(1);
    const genuine = code(workspaceId, me, partner);
    const seen = new Set([genuine]);
    for (let counter = 2; counter < 2002; counter += 1) {
      const other = keyOf(counter);
      const swappedPartner = code(workspaceId, me, other);
      const swappedMe = code(workspaceId, other, partner);
      expect(swappedPartner).not.toBe(genuine);
      expect(swappedMe).not.toBe(genuine);
      // All distinct from each other too: no two pairings share a code.
      expect(seen.has(swappedPartner)).toBe(false);
      seen.add(swappedPartner);
      expect(seen.has(swappedMe)).toBe(false);
      seen.add(swappedMe);
    }
    for (let counter = 1; counter < 500; counter += 1) {
      expect(code(workspaceOf(counter), me, partner)).not.toBe(genuine);
    }
  });

  it('changes when any single bit of either key or of the workspace id changes', () => {
    const workspaceBytes = seeded('workspace', 7, 16);
    const workspaceId = toBase64Url(workspaceBytes) as WorkspaceId;
    const a = keyOf(70);
    const b = keyOf(71);
    const genuine = code(workspaceId, a, b);
    const flip = (bytes: Uint8Array, bit: number) => {
      const copy = bytes.slice();
      copy[bit >> 3]! ^= 1 << (bit & 7);
      return copy;
    };
    for (let bit = 0; bit < 256; bit += 1) {
      expect(code(workspaceId, flip(a, bit) as SigningPublicKey, b)).not.toBe(genuine);
      expect(code(workspaceId, a, flip(b, bit) as SigningPublicKey)).not.toBe(genuine);
    }
    for (let bit = 0; bit < 128; bit += 1) {
      const changed = toBase64Url(flip(workspaceBytes, bit)) as WorkspaceId;
      expect(code(changed, a, b)).not.toBe(genuine);
    }
  });

  it('keeps the pairing of keys to sides out of the hash but not the keys themselves', () => {
    // Sorting makes [a, b] and [b, a] equal; [a, a] is another pairing and another code.
    const workspaceId = workspaceOf(3);
    const a = keyOf(30);
    const b = keyOf(31);
    expect(code(workspaceId, a, a)).not.toBe(code(workspaceId, a, b));
    expect(code(workspaceId, b, b)).not.toBe(code(workspaceId, a, a));
  });

  it('throws on inputs its callers must have parsed', () => {
    const a = keyOf(40);
    const b = keyOf(41);
    const workspaceId = workspaceOf(4);
    expect(() => code('short' as WorkspaceId, a, b)).toThrow(RangeError);
    expect(() => code(toBase64Url(new Uint8Array(17)) as WorkspaceId, a, b)).toThrow(RangeError);
    expect(() => code(workspaceId, a.subarray(1) as SigningPublicKey, b)).toThrow(RangeError);
    expect(() => code(workspaceId, a, new Uint8Array(33) as SigningPublicKey)).toThrow(RangeError);
  });
});
