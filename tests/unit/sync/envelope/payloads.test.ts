import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, readyCrypto, type DeviceId } from '$lib/crypto';
import {
  decodeSnapshotPayload,
  decodeUpdatePayload,
  encodeSnapshotPayload,
  encodeUpdatePayload,
} from '$lib/sync';
import { createByteReader } from '$lib/sync/binary/byteReader';

let device: DeviceId;
beforeAll(async () => {
  await readyCrypto();
  device = generateDeviceIdentity().deviceId;
});

describe('update payloads', () => {
  it('round-trip', () => {
    const payload = { incarnations: [1, 300, 0xffff_ffff], update: new Uint8Array([5, 6, 7]) };
    expect(decodeUpdatePayload(encodeUpdatePayload(payload))).toEqual({ ok: true, payload });
  });

  it('refuse truncation, trailing bytes and too many incarnations, without throwing', () => {
    const bytes = encodeUpdatePayload({ incarnations: [2], update: new Uint8Array(10) });
    for (let cut = 0; cut < bytes.length; cut += 1) {
      expect(decodeUpdatePayload(bytes.subarray(0, cut))).toEqual({
        ok: false,
        code: 'BAD_UPDATE',
      });
    }
    expect(decodeUpdatePayload(new Uint8Array([...bytes, 0]))).toEqual({
      ok: false,
      code: 'BAD_UPDATE',
    });
    const many = encodeUpdatePayload({
      incarnations: Array.from({ length: 65 }, (_, i) => i),
      update: new Uint8Array(),
    });
    expect(decodeUpdatePayload(many).ok).toBe(false);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (junk) => {
        expect(() => decodeUpdatePayload(junk)).not.toThrow();
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});

describe('snapshot payloads', () => {
  it('round-trip, with the manifest', () => {
    const snapshot = { manifest: new Map([[device, 42]]), state: new Uint8Array([0, 0]) };
    expect(decodeSnapshotPayload(encodeSnapshotPayload(snapshot))).toEqual({ ok: true, snapshot });
  });

  it('refuse a manifest naming something that is not a device, or a device twice', () => {
    const notDevice = encodeSnapshotPayload({
      manifest: new Map([['not-a-device' as DeviceId, 1]]),
      state: new Uint8Array(),
    });
    expect(decodeSnapshotPayload(notDevice).ok).toBe(false);
    const once = encodeSnapshotPayload({
      manifest: new Map([[device, 1]]),
      state: new Uint8Array(),
    });
    // Patch the count from 1 to 2 and repeat the entry.
    const entry = once.subarray(2, once.length - 1);
    const twice = new Uint8Array([once[0]!, 2, ...entry, ...entry, 0]);
    expect(decodeSnapshotPayload(twice).ok).toBe(false);
  });
});

describe('the byte reader', () => {
  it('reads varuints as lib0 writes them, and refuses overlong ones', () => {
    const reader = createByteReader(
      new Uint8Array([0x7f, 0x80, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f]),
    );
    expect(reader.varUint()).toBe(127);
    expect(reader.varUint()).toBe(128);
    expect(reader.varUint()).toBe(0xffff_ffff);
    expect(reader.done()).toBe(true);
    expect(createByteReader(new Uint8Array(9).fill(0xff)).varUint()).toBeUndefined();
    expect(createByteReader(new Uint8Array([0x80])).varUint()).toBeUndefined();
  });

  it('refuses to read past the end, and invalid UTF-8', () => {
    expect(createByteReader(new Uint8Array([5, 1, 2])).varBytes()).toBeUndefined();
    expect(createByteReader(new Uint8Array([2, 0xc3, 0x28])).varString()).toBeUndefined();
  });
});
