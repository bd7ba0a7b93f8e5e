import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '$lib/crypto';

const text = (value: string) => new TextEncoder().encode(value);

describe('toBase64Url / fromBase64Url', () => {
  it('matches the RFC 4648 test vectors (unpadded)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64Url(text(plain))).toBe(encoded);
      expect(fromBase64Url(encoded)).toEqual(text(plain));
    }
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  });

  it('round-trips any bytes and agrees with Node (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = toBase64Url(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(encoded)).toEqual(bytes);
      }),
      { seed: 0x7e11, numRuns: 500 },
    );
  });

  it('accepts only the canonical spelling', () => {
    for (const bad of ['Zg==', 'Zm9v\n', 'Z', 'Zh', 'Zm9', 'Zm+v', 'Zm/v', ' Zg', 'Zg!']) {
      expect(fromBase64Url(bad), bad).toBeUndefined();
    }
    expect(fromBase64Url(42 as unknown as string)).toBeUndefined();
  });
});
