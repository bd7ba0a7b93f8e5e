import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  encryptAead,
  generateWorkspaceId,
  generateWorkspaceKey,
  readyCrypto,
  signDetached,
  type DeviceIdentity,
  type WorkspaceKey,
} from '$lib/crypto';
import {
  BLOB_HEADER_BYTES,
  BLOB_MIN_BYTES,
  BlobHeader,
  HEADER_FIELDS,
  InvalidBlobHeaderError,
  readBlobHeader,
  sealBlob,
  type BlobHeader as BlobHeaderType,
  type BlobKind,
} from '$lib/sync/blob';
import { makeBlobFixture } from './blobFixture';

// Top-level await: some describe blocks seal their blob while the file is collected.
await readyCrypto();

const payload = new TextEncoder().encode('{"goal":"ship the crypto module"}');
const NONCE = { offset: BLOB_HEADER_BYTES, bytes: 24 };

/** A copy of `blob` with one bit flipped. */
function flipBit(blob: Uint8Array, bit: number): Uint8Array {
  const copy = blob.slice();
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

/** Signs `header | nonce | ciphertext` as `signer`, whatever the header says: forged blobs. */
function assemble(input: {
  header: BlobHeaderType;
  plaintext: Uint8Array;
  key: WorkspaceKey;
  signer: DeviceIdentity;
  associatedData?: Uint8Array;
}): Uint8Array {
  const headerBytes = BlobHeader.encode(input.header);
  const { nonce, ciphertext } = encryptAead({
    plaintext: input.plaintext,
    associatedData: input.associatedData ?? headerBytes,
    key: input.key,
  });
  const signed = concatBytes([headerBytes, nonce, ciphertext]);
  const signature = signDetached({
    message: signed,
    domain: `blob/${input.header.kind}`,
    secretKey: input.signer.signing.secretKey,
  });
  return concatBytes([signed, signature]);
}

describe('sealBlob / openBlob round trip', () => {
  it('opens what a member sealed, for every kind and payload size', () => {
    const f = makeBlobFixture();
    for (const kind of ['update', 'snapshot', 'awareness'] as BlobKind[]) {
      for (const size of [0, 1, 255, 256, 257, 10_000]) {
        const data = Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff);
        const blob = f.seal(data, { kind, identity: f.bob, seq: size });
        expect(f.open(blob)).toEqual({
          ok: true,
          header: f.headerFor(f.bob, { kind, seq: size }),
          payload: data,
        });
      }
    }
  });

  it('hides the exact payload length to a 256-byte block', () => {
    const f = makeBlobFixture();
    expect(f.seal(new Uint8Array(1))).toHaveLength(BLOB_MIN_BYTES);
    expect(f.seal(new Uint8Array(255))).toHaveLength(BLOB_MIN_BYTES);
    expect(f.seal(new Uint8Array(256))).toHaveLength(BLOB_MIN_BYTES + 256);
    expect(BLOB_MIN_BYTES).toBe(58 + 24 + 16 + 64 + 256);
  });

  it('never repeats a nonce or ciphertext for the same input', () => {
    const f = makeBlobFixture();
    const first = f.seal(payload);
    const second = f.seal(payload);
    expect(first.subarray(NONCE.offset, NONCE.offset + 24)).not.toEqual(
      second.subarray(NONCE.offset, NONCE.offset + 24),
    );
  });

  it('refuses to seal a header that names another device than the signer', () => {
    const f = makeBlobFixture();
    expect(() =>
      sealBlob({
        header: f.headerFor(f.bob),
        payload,
        key: f.keys.get(1)!,
        identity: f.alice,
      }),
    ).toThrow(InvalidBlobHeaderError);
  });
});

describe('readBlobHeader', () => {
  it('reads the header without any key and checks the shape', () => {
    const f = makeBlobFixture();
    const blob = f.seal(payload, { kind: 'snapshot', seq: 3 });
    expect(readBlobHeader(blob)).toEqual({
      ok: true,
      header: f.headerFor(f.alice, { kind: 'snapshot', seq: 3 }),
    });
    expect(readBlobHeader(blob.subarray(0, BLOB_HEADER_BYTES))).toEqual({
      ok: false,
      code: 'MALFORMED',
    });
    expect(readBlobHeader(null)).toEqual({ ok: false, code: 'MALFORMED' });
  });
});

describe('openBlob rejects tampering with its expected code', () => {
  const f = makeBlobFixture();
  const blob = f.seal(payload);
  const fieldBits = (name: keyof typeof HEADER_FIELDS) => {
    const { offset, bytes } = HEADER_FIELDS[name];
    return Array.from({ length: bytes * 8 }, (_, i) => offset * 8 + i);
  };
  const codeOf = (bytes: Uint8Array, overrides = {}) => f.code(bytes, overrides);

  it('version: every flipped bit is BAD_VERSION', () => {
    for (const bit of fieldBits('version')) expect(codeOf(flipBit(blob, bit))).toBe('BAD_VERSION');
  });

  it('kind: a flip to an unknown kind is BAD_KIND, to another kind BAD_SIGNATURE', () => {
    const codes = fieldBits('kind').map((bit) => codeOf(flipBit(blob, bit)));
    // update = 1; flipping bit 1 gives 3 (awareness), a real kind with another signature domain.
    expect(codes).toEqual([
      'BAD_KIND',
      'BAD_SIGNATURE',
      'BAD_KIND',
      'BAD_KIND',
      'BAD_KIND',
      'BAD_KIND',
      'BAD_KIND',
      'BAD_KIND',
    ]);
  });

  it('workspace: every flipped bit is WRONG_WORKSPACE', () => {
    for (const bit of fieldBits('workspaceId')) {
      expect(codeOf(flipBit(blob, bit))).toBe('WRONG_WORKSPACE');
    }
  });

  it('epoch: a flip to an epoch without a key is WRONG_EPOCH, to one with a key BAD_SIGNATURE', () => {
    const codes = fieldBits('epoch').map((bit) => codeOf(flipBit(blob, bit)));
    // epoch 1 is u32be in bytes 18–21. flipBit counts from each byte's least significant bit,
    // so field bit 24 is the lowest bit of byte 21 and turns epoch 1 into 0, whose key we hold.
    expect(codes.filter((code) => code === 'BAD_SIGNATURE')).toHaveLength(1);
    expect(codes[24]).toBe('BAD_SIGNATURE');
    expect(codes.filter((code) => code === 'WRONG_EPOCH')).toHaveLength(31);
  });

  it('device: UNKNOWN_DEVICE for a non-member, BAD_SIGNATURE if the device were known', () => {
    for (const bit of fieldBits('deviceId')) {
      expect(codeOf(flipBit(blob, bit))).toBe('UNKNOWN_DEVICE');
      expect(codeOf(flipBit(blob, bit), { isKnownDevice: () => true })).toBe('BAD_SIGNATURE');
    }
  });

  it('seq: every flipped bit is BAD_SIGNATURE', () => {
    for (const bit of fieldBits('seq')) expect(codeOf(flipBit(blob, bit))).toBe('BAD_SIGNATURE');
  });

  it('nonce, ciphertext and signature: every flipped bit is BAD_SIGNATURE', () => {
    let flipped = 0;
    for (let bit = BLOB_HEADER_BYTES * 8; bit < blob.length * 8; bit += 1) {
      expect(codeOf(flipBit(blob, bit)), `bit ${bit}`).toBe('BAD_SIGNATURE');
      flipped += 1;
    }
    expect(flipped).toBe((blob.length - BLOB_HEADER_BYTES) * 8);
  });

  it('truncation at every length is MALFORMED', () => {
    for (let length = 0; length < blob.length; length += 1) {
      expect(codeOf(blob.subarray(0, length)), `length ${length}`).toBe('MALFORMED');
    }
  });

  it('appended bytes are MALFORMED; a whole appended block fails the signature', () => {
    expect(codeOf(concatBytes([blob, new Uint8Array([0])]))).toBe('MALFORMED');
    expect(codeOf(concatBytes([blob, new Uint8Array(255)]))).toBe('MALFORMED');
    expect(codeOf(concatBytes([blob, new Uint8Array(256)]))).toBe('BAD_SIGNATURE');
    expect(codeOf(concatBytes([new Uint8Array(256), blob]))).toBe('BAD_VERSION');
  });

  it('returns the unauthenticated header with every failure after parsing', () => {
    const failed = f.open(flipBit(blob, blob.length * 8 - 1));
    expect(failed).toEqual({ ok: false, code: 'BAD_SIGNATURE', header: f.headerFor(f.alice) });
    expect(f.open(flipBit(blob, 1))).toEqual({ ok: false, code: 'BAD_VERSION' });
  });
});

describe('openBlob rejects a blob moved or forged', () => {
  it('to another workspace', () => {
    const f = makeBlobFixture();
    const blob = f.seal(payload);
    expect(f.code(blob, { workspaceId: generateWorkspaceId() })).toBe('WRONG_WORKSPACE');
    // Rewriting the header to the other workspace breaks the signature.
    const other = makeBlobFixture();
    const moved = blob.slice();
    moved.set(BlobHeader.encode({ ...f.headerFor(f.alice), workspaceId: other.workspaceId }), 0);
    expect(f.code(moved, { workspaceId: other.workspaceId })).toBe('BAD_SIGNATURE');
  });

  it('to another epoch', () => {
    const f = makeBlobFixture();
    const blob = f.seal(payload, { epoch: 1 });
    expect(f.code(blob, { keyForEpoch: () => undefined })).toBe('WRONG_EPOCH');
    expect(f.code(blob, { keyForEpoch: (e) => (e === 0 ? f.keys.get(0) : undefined) })).toBe(
      'WRONG_EPOCH',
    );
    // Relabelled as epoch 0, whose key we hold: the signature no longer matches.
    const moved = blob.slice();
    moved.set(BlobHeader.encode(f.headerFor(f.alice, { epoch: 0 })), 0);
    expect(f.code(moved)).toBe('BAD_SIGNATURE');
    // The right epoch number but another epoch's key: signed by a member, does not decrypt.
    expect(f.code(blob, { keyForEpoch: () => f.keys.get(0) })).toBe('DECRYPT_FAILED');
  });

  it('to another kind or position', () => {
    const f = makeBlobFixture();
    const blob = f.seal(payload, { kind: 'update', seq: 7 });
    for (const change of [
      { kind: 'snapshot' as const },
      { kind: 'awareness' as const },
      { seq: 8 },
    ]) {
      const moved = blob.slice();
      moved.set(BlobHeader.encode(f.headerFor(f.alice, change)), 0);
      expect(f.code(moved), JSON.stringify(change)).toBe('BAD_SIGNATURE');
    }
  });

  it('sealed by a device that is not a member', () => {
    const f = makeBlobFixture();
    const blob = f.seal(payload, { identity: f.mallory });
    expect(f.open(blob)).toEqual({
      ok: false,
      code: 'UNKNOWN_DEVICE',
      header: f.headerFor(f.mallory),
    });
    // The same blob opens once the device is a member: the refusal came from membership alone.
    expect(f.open(blob, { isKnownDevice: () => true }).ok).toBe(true);
  });

  it('signed by another key than the header names (even a member)', () => {
    const f = makeBlobFixture();
    for (const signer of [f.bob, f.mallory]) {
      const forged = assemble({
        header: f.headerFor(f.alice),
        plaintext: new Uint8Array(256).fill(0x80, 0, 1),
        key: f.keys.get(1)!,
        signer,
      });
      expect(f.code(forged)).toBe('BAD_SIGNATURE');
    }
    // A member's real signature pasted onto another member's blob fails too.
    const alices = f.seal(payload);
    const bobs = f.seal(payload, { identity: f.bob });
    const pasted = concatBytes([alices.subarray(0, -64), bobs.subarray(-64)]);
    expect(f.code(pasted)).toBe('BAD_SIGNATURE');
  });

  it('signed correctly but encrypted with another key or other associated data', () => {
    const f = makeBlobFixture();
    const header = f.headerFor(f.alice);
    const plaintext = new Uint8Array(256).fill(0x80, 0, 1);
    const wrongKey = assemble({ header, plaintext, key: generateWorkspaceKey(), signer: f.alice });
    expect(f.code(wrongKey)).toBe('DECRYPT_FAILED');
    const wrongAd = assemble({
      header,
      plaintext,
      key: f.keys.get(1)!,
      signer: f.alice,
      associatedData: BlobHeader.encode({ ...header, seq: 8 }),
    });
    expect(f.code(wrongAd)).toBe('DECRYPT_FAILED');
    // The control: the same construction with the right key and header opens.
    const control = assemble({ header, plaintext, key: f.keys.get(1)!, signer: f.alice });
    expect(f.open(control)).toEqual({ ok: true, header, payload: new Uint8Array(0) });
  });

  it('decrypted but not padded', () => {
    const f = makeBlobFixture();
    const header = f.headerFor(f.alice);
    for (const plaintext of [new Uint8Array(256), new Uint8Array(512).fill(7)]) {
      const unpadded = assemble({ header, plaintext, key: f.keys.get(1)!, signer: f.alice });
      expect(f.code(unpadded)).toBe('BAD_PADDING');
    }
  });

  it('is not even bytes', () => {
    const f = makeBlobFixture();
    const blob = f.seal(payload);
    const notBytes: unknown[] = [
      null,
      undefined,
      42,
      'blob',
      [...blob],
      { ...blob },
      blob.buffer,
      new DataView(blob.buffer),
      new Uint16Array(blob.buffer),
    ];
    for (const value of notBytes) {
      expect(f.open(value)).toEqual({ ok: false, code: 'MALFORMED' });
    }
  });
});
