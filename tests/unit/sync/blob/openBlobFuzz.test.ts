// Seeded random mutations of valid blobs: whatever is done to the bytes, openBlob returns a
// failure with one of the stateless codes, never throws, and never accepts a changed blob.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '$lib/crypto';
import { BLOB_ERROR_CODES, type BlobKind } from '$lib/sync/blob';
import { makeBlobFixture } from './blobFixture';

beforeAll(readyCrypto);

type Mutation =
  | { type: 'flip'; at: number; mask: number }
  | { type: 'set'; at: number; value: number }
  | { type: 'truncate'; at: number }
  | { type: 'append'; bytes: Uint8Array }
  | { type: 'insert'; at: number; bytes: Uint8Array }
  | { type: 'delete'; at: number; count: number }
  | { type: 'graft'; at: number; from: number; count: number };

// Positions are drawn as large integers and taken modulo the blob's length, so one arbitrary
// fits blobs of any size. Same-length mutations are weighted up: they get past the parser and
// exercise the membership, signature and decryption checks.
const position = fc.nat({ max: 1 << 30 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('flip' as const),
      at: position,
      mask: fc.integer({ min: 1, max: 255 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('set' as const),
      at: position,
      value: fc.integer({ min: 0, max: 255 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('truncate' as const), at: position }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('append' as const),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 300 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('insert' as const),
      at: position,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('delete' as const),
      at: position,
      count: fc.integer({ min: 1, max: 64 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('graft' as const),
      at: position,
      from: position,
      count: fc.integer({ min: 1, max: 128 }),
    }),
  },
);

const at = (drawn: number, length: number) => (length === 0 ? 0 : drawn % length);

function mutate(blob: Uint8Array, donor: Uint8Array, m: Mutation): Uint8Array {
  const out = blob.slice();
  switch (m.type) {
    case 'flip':
      out[at(m.at, out.length)]! ^= m.mask;
      return out;
    case 'set':
      out[at(m.at, out.length)] = m.value;
      return out;
    case 'truncate':
      return out.subarray(0, at(m.at, out.length));
    case 'append':
      return new Uint8Array([...out, ...m.bytes]);
    case 'insert': {
      const i = at(m.at, out.length + 1);
      return new Uint8Array([...out.subarray(0, i), ...m.bytes, ...out.subarray(i)]);
    }
    case 'delete': {
      const i = at(m.at, out.length);
      return new Uint8Array([...out.subarray(0, i), ...out.subarray(i + m.count)]);
    }
    case 'graft': {
      // Bytes from another valid blob (another device, kind or seq) spliced in at one place.
      const from = at(m.from, donor.length);
      const piece = donor.subarray(from, from + m.count);
      out.set(piece.subarray(0, out.length - at(m.at, out.length)), at(m.at, out.length));
      return out;
    }
  }
}

const equal = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

describe('openBlob fuzz', () => {
  it('never throws and never accepts a mutated blob (3,000 seeded cases)', () => {
    const f = makeBlobFixture();
    const kinds: BlobKind[] = ['update', 'snapshot', 'awareness'];
    const originals = [
      ...kinds.map((kind, i) => f.seal(new Uint8Array(40 + i * 200).fill(i + 1), { kind })),
      f.seal(new Uint8Array(0), { identity: f.bob, epoch: 0, seq: 0 }),
    ];
    for (const blob of originals) expect(f.open(blob).ok).toBe(true);
    // The codes openBlob itself can return; the last four need the engine's state.
    const stateless = new Set<string>(BLOB_ERROR_CODES.slice(0, 9));
    expect(stateless.has('BAD_PADDING') && !stateless.has('DUPLICATE')).toBe(true);
    const codes = new Map<string, number>();
    let ran = 0;

    fc.assert(
      fc.property(
        fc.nat({ max: originals.length - 1 }),
        fc.nat({ max: originals.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, donorIndex, mutations) => {
          const original = originals[which]!;
          const donor = originals[donorIndex]!;
          const mutated = mutations.reduce<Uint8Array>(
            (bytes, m) => mutate(bytes, donor, m),
            original,
          );
          fc.pre(!equal(mutated, original));
          const result = f.open(mutated);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(stateless.has(result.code)).toBe(true);
            codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
          }
          ran += 1;
        },
      ),
      { seed: 0xb10b, numRuns: 3000, plugins: [fc.unbiased()] },
    );
    // The fuzz reached the parser, the membership checks and the signature check.
    expect(ran).toBeGreaterThan(2500);
    for (const code of ['MALFORMED', 'BAD_KIND', 'WRONG_WORKSPACE', 'UNKNOWN_DEVICE']) {
      expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    }
    expect(codes.get('BAD_SIGNATURE') ?? 0).toBeGreaterThan(1000);
  });
});
