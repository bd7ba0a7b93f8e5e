import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, readyCrypto, type DeviceId, type WorkspaceId } from '$lib/crypto';
import {
  BLOB_HEADER_BYTES,
  BlobHeader,
  HEADER_FIELDS,
  InvalidBlobHeaderError,
  type BlobKind,
} from '$lib/sync/blob';
import { makeBlobFixture } from './blobFixture';

beforeAll(readyCrypto);

describe('BlobHeader', () => {
  it('encodes to the documented 58-byte layout', () => {
    const { alice, workspaceId, headerFor } = makeBlobFixture();
    const bytes = BlobHeader.encode(
      headerFor(alice, { kind: 'snapshot', epoch: 0x01020304, seq: 0xa0b0c0d0 }),
    );
    expect(bytes).toHaveLength(BLOB_HEADER_BYTES);
    expect(bytes[0]).toBe(1);
    expect(bytes[1]).toBe(2);
    expect(bytes.subarray(2, 18)).toEqual(fromBase64Url(workspaceId));
    expect([...bytes.subarray(18, 22)]).toEqual([1, 2, 3, 4]);
    expect(bytes.subarray(22, 54)).toEqual(alice.signing.publicKey);
    expect([...bytes.subarray(54, 58)]).toEqual([0xa0, 0xb0, 0xc0, 0xd0]);
    const fields = Object.values(HEADER_FIELDS);
    expect(fields.reduce((total, field) => total + field.bytes, 0)).toBe(BLOB_HEADER_BYTES);
  });

  it('round-trips every kind and any uint32 epoch and seq (seeded)', () => {
    const { alice, headerFor } = makeBlobFixture();
    fc.assert(
      fc.property(
        fc.constantFrom<BlobKind>('update', 'snapshot', 'awareness'),
        fc.nat({ max: 0xffff_ffff }),
        fc.nat({ max: 0xffff_ffff }),
        (kind, epoch, seq) => {
          const header = headerFor(alice, { kind, epoch, seq });
          expect(BlobHeader.decode(BlobHeader.encode(header))).toEqual({ ok: true, header });
        },
      ),
      { seed: 0x4ead, numRuns: 200 },
    );
  });

  it('decodes with the documented error codes and never throws', () => {
    const { alice, headerFor } = makeBlobFixture();
    const bytes = BlobHeader.encode(headerFor(alice));
    const withByte = (index: number, value: number) => {
      const copy = bytes.slice();
      copy[index] = value;
      return copy;
    };
    expect(BlobHeader.decode(new Uint8Array(0))).toEqual({ ok: false, code: 'MALFORMED' });
    expect(BlobHeader.decode(new Uint8Array([1]))).toEqual({ ok: false, code: 'MALFORMED' });
    expect(BlobHeader.decode(bytes.subarray(0, 57))).toEqual({ ok: false, code: 'MALFORMED' });
    expect(BlobHeader.decode(new Uint8Array([...bytes, 0]))).toEqual({
      ok: false,
      code: 'MALFORMED',
    });
    expect(BlobHeader.decode('header')).toEqual({ ok: false, code: 'MALFORMED' });
    for (const version of [0, 2, 255]) {
      expect(BlobHeader.decode(withByte(0, version))).toEqual({ ok: false, code: 'BAD_VERSION' });
    }
    for (const kind of [0, 4, 255]) {
      expect(BlobHeader.decode(withByte(1, kind))).toEqual({ ok: false, code: 'BAD_KIND' });
    }
  });

  it('refuses to encode a header that breaks its type', () => {
    const { alice, headerFor } = makeBlobFixture();
    const bad: Partial<Record<keyof BlobHeader, unknown>>[] = [
      { version: 2 },
      { kind: 'chat' },
      { kind: 'toString' },
      { workspaceId: 'short' as WorkspaceId },
      { deviceId: 'AAAA' as DeviceId },
      { epoch: -1 },
      { epoch: 2 ** 32 },
      { seq: 1.5 },
      { seq: Number.NaN },
    ];
    for (const overrides of bad) {
      const header = { ...headerFor(alice), ...overrides } as BlobHeader;
      expect(() => BlobHeader.encode(header), JSON.stringify(overrides)).toThrow(
        InvalidBlobHeaderError,
      );
    }
  });
});
