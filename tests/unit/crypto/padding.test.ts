import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { padPlaintext, readyCrypto, unpadPlaintext } from '$lib/crypto';

beforeAll(readyCrypto);

describe('padPlaintext / unpadPlaintext', () => {
  it('pads to the next whole block, always adding at least one byte', () => {
    expect(padPlaintext(new Uint8Array(0))).toHaveLength(256);
    expect(padPlaintext(new Uint8Array(255))).toHaveLength(256);
    expect(padPlaintext(new Uint8Array(256))).toHaveLength(512);
    expect(padPlaintext(new Uint8Array(10), 16)).toEqual(
      new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0]),
    );
    expect(() => padPlaintext(new Uint8Array(1), 0)).toThrow(RangeError);
  });

  it('round-trips any data and block size (seeded)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 700 }),
        fc.integer({ min: 1, max: 300 }),
        (data, block) => {
          const padded = padPlaintext(data, block);
          expect(padded.length % block).toBe(0);
          expect(padded.length).toBeGreaterThan(data.length);
          expect(unpadPlaintext(padded, block)).toEqual({ ok: true, data });
        },
      ),
      { seed: 0x9ad, numRuns: 300 },
    );
  });

  it('rejects padding that padPlaintext cannot have produced', () => {
    const bad = { ok: false, code: 'BAD_PADDING' };
    expect(unpadPlaintext(new Uint8Array(256))).toEqual(bad); // no 0x80 marker
    expect(unpadPlaintext(new Uint8Array(0))).toEqual(bad);
    const padded = padPlaintext(new Uint8Array([1, 2, 3]));
    expect(unpadPlaintext(padded.subarray(0, 255))).toEqual(bad); // not a whole block
    expect(unpadPlaintext(new Uint8Array([...padded, 0]))).toEqual(bad);
    const junk = padded.slice();
    junk[255] = 1; // a non-zero byte after the marker
    expect(unpadPlaintext(junk)).toEqual(bad);
    expect(unpadPlaintext(padded, 0)).toEqual(bad);
    expect(unpadPlaintext(padded, 100)).toEqual(bad);
    expect(unpadPlaintext('text' as unknown as Uint8Array)).toEqual(bad);
  });
});
