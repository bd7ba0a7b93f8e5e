import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
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
let other: DeviceId;
beforeAll(async () => {
  await readyCrypto();
  device = generateDeviceIdentity().deviceId;
  other = generateDeviceIdentity().deviceId;
});

const BAD = { ok: false, code: 'BAD_UPDATE' } as const;
const headsOf = (entries: [DeviceId, number][], epoch = 3) => ({ epoch, seqs: new Map(entries) });

/** FORMAT-1 update bytes, as builds before the head vector wrote them. */
function formatOneUpdate(incarnations: number[], update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, incarnations.length);
  for (const incarnation of incarnations) encoding.writeVarUint(encoder, incarnation);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** FORMAT-1 snapshot bytes; `entries` are written as given (repeats included). */
function formatOneSnapshot(entries: [string, number][], state: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, entries.length);
  for (const [deviceId, seq] of entries) {
    encoding.writeVarString(encoder, deviceId);
    encoding.writeVarUint(encoder, seq);
  }
  encoding.writeVarUint8Array(encoder, state);
  return encoding.toUint8Array(encoder);
}

describe('update payloads', () => {
  it('round-trip, with the head vector', () => {
    const payload = {
      incarnations: [1, 300, 0xffff_ffff],
      update: new Uint8Array([5, 6, 7]),
      heads: headsOf([
        [device, 9],
        [other, 0xffff_ffff],
      ]),
    };
    expect(decodeUpdatePayload(encodeUpdatePayload(payload))).toEqual({ ok: true, payload });
  });

  it('still read FORMAT 1 (no head vector)', () => {
    const bytes = formatOneUpdate([4], new Uint8Array([1, 2]));
    expect(decodeUpdatePayload(bytes)).toEqual({
      ok: true,
      payload: { incarnations: [4], update: new Uint8Array([1, 2]) },
    });
  });

  it('refuse truncation, trailing bytes, other formats and too many incarnations, without throwing', () => {
    const bytes = encodeUpdatePayload({
      incarnations: [2],
      update: new Uint8Array(10),
      heads: headsOf([[device, 1]]),
    });
    for (let cut = 0; cut < bytes.length; cut += 1) {
      expect(decodeUpdatePayload(bytes.subarray(0, cut))).toEqual(BAD);
    }
    expect(decodeUpdatePayload(new Uint8Array([...bytes, 0]))).toEqual(BAD);
    for (const format of [0, 3, 128]) {
      const prefix = encoding.createEncoder();
      encoding.writeVarUint(prefix, format);
      expect(
        decodeUpdatePayload(
          new Uint8Array([...encoding.toUint8Array(prefix), ...bytes.subarray(1)]),
        ),
      ).toEqual(BAD);
    }
    const many = encodeUpdatePayload({
      incarnations: Array.from({ length: 65 }, (_, i) => i),
      update: new Uint8Array(),
      heads: headsOf([[device, 1]]),
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
  it('round-trip, with the manifest and the head vector', () => {
    const snapshot = {
      manifest: new Map([[device, 42]]),
      state: new Uint8Array([0, 0]),
      heads: headsOf([[device, 43]], 0),
    };
    expect(decodeSnapshotPayload(encodeSnapshotPayload(snapshot))).toEqual({ ok: true, snapshot });
  });

  it('still read FORMAT 1 (no head vector)', () => {
    const bytes = formatOneSnapshot([[device, 5]], new Uint8Array([0, 0]));
    expect(decodeSnapshotPayload(bytes)).toEqual({
      ok: true,
      snapshot: { manifest: new Map([[device, 5]]), state: new Uint8Array([0, 0]) },
    });
  });

  it('refuse a manifest naming something that is not a device, or a device twice', () => {
    const notDevice = encodeSnapshotPayload({
      manifest: new Map([['not-a-device' as DeviceId, 1]]),
      state: new Uint8Array(),
      heads: headsOf([[device, 1]]),
    });
    expect(decodeSnapshotPayload(notDevice).ok).toBe(false);
    expect(decodeSnapshotPayload(formatOneSnapshot([[device, 1]], new Uint8Array())).ok).toBe(true);
    const twice = formatOneSnapshot(
      [
        [device, 1],
        [device, 1],
      ],
      new Uint8Array(),
    );
    expect(decodeSnapshotPayload(twice)).toEqual(BAD);
  });

  it('refuse truncation and trailing bytes, without throwing', () => {
    const bytes = encodeSnapshotPayload({
      manifest: new Map([[device, 2]]),
      state: new Uint8Array(4),
      heads: headsOf([[other, 3]]),
    });
    for (let cut = 0; cut < bytes.length; cut += 1) {
      expect(decodeSnapshotPayload(bytes.subarray(0, cut))).toEqual(BAD);
    }
    expect(decodeSnapshotPayload(new Uint8Array([...bytes, 0]))).toEqual(BAD);
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
