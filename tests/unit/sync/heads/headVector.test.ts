// The head vector's bytes have one spelling: anything else in its place refuses the whole blob
// (BAD_UPDATE), in an update and in a snapshot alike.
import * as encoding from 'lib0/encoding';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, publicKeyOfDevice, readyCrypto, type DeviceId } from '$lib/crypto';
import { decodeSnapshotPayload, decodeUpdatePayload, encodeUpdatePayload } from '$lib/sync';
import { createByteReader } from '$lib/sync/binary/byteReader';
import {
  headsFitBlob,
  MAX_HEAD_ENTRIES,
  readHeadVector,
  writeHeadVector,
} from '$lib/sync/heads/headVector';

let ids: DeviceId[];
beforeAll(async () => {
  await readyCrypto();
  ids = Array.from({ length: MAX_HEAD_ENTRIES + 1 }, () => generateDeviceIdentity().deviceId);
  // By their bytes, ascending: the order a vector must list them in.
  ids.sort((a, b) => Buffer.compare(publicKeyOfDevice(a)!, publicKeyOfDevice(b)!));
});

/** A vector's bytes as given: `entries` unchecked, in the order given. */
function rawVector(epoch: number, entries: [DeviceId, number][], count = entries.length) {
  const encoder = encoding.createEncoder();
  encoding.writeUint32BigEndian(encoder, epoch);
  encoding.writeVarUint(encoder, count);
  for (const [deviceId, seq] of entries) {
    encoding.writeUint8Array(encoder, publicKeyOfDevice(deviceId)!);
    encoding.writeVarUint(encoder, seq);
  }
  return encoding.toUint8Array(encoder);
}

/** An update payload and a snapshot payload (FORMAT 2) around the vector bytes `vector`. */
function payloadsAround(vector: Uint8Array): Uint8Array[] {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 2);
  encoding.writeUint8Array(update, vector);
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint8Array(update, new Uint8Array([0, 0]));
  const snapshot = encoding.createEncoder();
  encoding.writeVarUint(snapshot, 2);
  encoding.writeUint8Array(snapshot, vector);
  encoding.writeVarUint(snapshot, 0);
  encoding.writeVarUint8Array(snapshot, new Uint8Array([0, 0]));
  return [encoding.toUint8Array(update), encoding.toUint8Array(snapshot)];
}

function expectBothRead(vector: Uint8Array, ok: boolean): void {
  const [update, snapshot] = payloadsAround(vector);
  expect(decodeUpdatePayload(update!).ok, 'update').toBe(ok);
  expect(decodeSnapshotPayload(snapshot!).ok, 'snapshot').toBe(ok);
}

describe('head vector bytes', () => {
  it('read back what is written, sorted by device id bytes, whatever the order given', () => {
    const seqs = new Map<DeviceId, number>([
      [ids[5]!, 2],
      [ids[1]!, 0xffff_ffff],
      [ids[3]!, 1],
    ]);
    const encoder = encoding.createEncoder();
    writeHeadVector(encoder, { epoch: 0xffff_ffff, seqs });
    const bytes = encoding.toUint8Array(encoder);
    expect(bytes).toEqual(
      rawVector(0xffff_ffff, [
        [ids[1]!, 0xffff_ffff],
        [ids[3]!, 1],
        [ids[5]!, 2],
      ]),
    );
    const reader = createByteReader(bytes);
    expect(readHeadVector(reader)).toEqual({ epoch: 0xffff_ffff, seqs });
    expect(reader.done()).toBe(true);
  });

  it('accept 64 entries, in order', () => {
    const entries = ids.slice(0, MAX_HEAD_ENTRIES).map((id, i): [DeviceId, number] => [id, i + 1]);
    expectBothRead(rawVector(1, entries), true);
  });

  it('refuse 65 entries', () => {
    const entries = ids.map((id, i): [DeviceId, number] => [id, i + 1]);
    expectBothRead(rawVector(1, entries), false);
    // A count past the bound is refused before any entry is read.
    expectBothRead(rawVector(1, [], 65), false);
  });

  it('refuse a device twice', () => {
    expectBothRead(
      rawVector(1, [
        [ids[0]!, 1],
        [ids[0]!, 2],
      ]),
      false,
    );
  });

  it('refuse entries out of order', () => {
    expectBothRead(
      rawVector(1, [
        [ids[2]!, 1],
        [ids[1]!, 1],
      ]),
      false,
    );
  });

  it('refuse a seq of 0 or past 2^32 − 1', () => {
    expectBothRead(rawVector(1, [[ids[0]!, 0]]), false);
    expectBothRead(rawVector(1, [[ids[0]!, 2 ** 32]]), false);
    expectBothRead(rawVector(1, [[ids[0]!, 2 ** 32 - 1]]), true);
  });

  it('refuse a count that promises more entries than there are', () => {
    expectBothRead(rawVector(1, [[ids[0]!, 1]], 2), false);
  });

  it('refuse to write a vector nobody would read', () => {
    const tooMany = new Map(ids.map((id): [DeviceId, number] => [id, 1]));
    expect(() => writeHeadVector(encoding.createEncoder(), { epoch: 0, seqs: tooMany })).toThrow(
      RangeError,
    );
    expect(() =>
      writeHeadVector(encoding.createEncoder(), { epoch: -1, seqs: new Map([[ids[0]!, 1]]) }),
    ).toThrow(RangeError);
    expect(() =>
      encodeUpdatePayload({
        incarnations: [1],
        update: new Uint8Array(),
        heads: { epoch: 0, seqs: new Map([['not-a-device' as DeviceId, 1]]) },
      }),
    ).toThrow(RangeError);
  });
});

describe('a vector and the blob carrying it', () => {
  it("fit when the sender's own entry is the blob's seq and the epoch is not below the blob's", () => {
    const heads = { epoch: 2, seqs: new Map([[ids[0]!, 7]]) };
    expect(headsFitBlob(heads, { deviceId: ids[0]!, seq: 7, epoch: 2 })).toBe(true);
    expect(headsFitBlob(heads, { deviceId: ids[0]!, seq: 8, epoch: 2 })).toBe(false);
    expect(headsFitBlob(heads, { deviceId: ids[1]!, seq: 7, epoch: 2 })).toBe(false);
    expect(headsFitBlob(heads, { deviceId: ids[0]!, seq: 7, epoch: 3 })).toBe(false);
  });
});
