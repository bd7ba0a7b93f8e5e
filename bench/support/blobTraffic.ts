// Which blobs a device's sync messages carried, to explain a byte count: the sealed blobs
// inside every sync step 2 and update message (each is one binary item of the outer doc's
// log), sorted into the device's own blobs coming back from the relay (the stock server echoes
// every update to its sender; Trellis's relay does not), blobs new to the device, and blobs it
// had already received.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { DeviceId } from '$lib/crypto';
import { readBlobHeader } from '$lib/sync/blob';
import type { Direction } from './byteCounter';

/** Blobs and their bytes. */
export interface BlobCount {
  blobs: number;
  bytes: number;
}

/** What `createBlobTraffic` saw. */
export interface BlobTrafficReport {
  sent: BlobCount;
  /** The device's own blobs, sent back to it. */
  receivedOwn: BlobCount;
  /** Other devices' blobs, the first time each arrived. */
  receivedNew: BlobCount;
  /** Other devices' blobs that had arrived before. */
  receivedAgain: BlobCount;
}

/**
 * A classifier for the messages of device `deviceId`; feed it with `ByteCounter.listen`.
 *
 * @example
 *   const traffic = createBlobTraffic(me.deviceId);
 *   counter.listen(traffic.inspect);
 */
export function createBlobTraffic(deviceId: DeviceId): {
  inspect(direction: Direction, message: Uint8Array): void;
  report(): BlobTrafficReport;
} {
  const empty = (): BlobCount => ({ blobs: 0, bytes: 0 });
  const report: BlobTrafficReport = {
    sent: empty(),
    receivedOwn: empty(),
    receivedNew: empty(),
    receivedAgain: empty(),
  };
  const received = new Set<string>();
  const add = (count: BlobCount, bytes: number) => {
    count.blobs += 1;
    count.bytes += bytes;
  };
  return {
    inspect(direction, message) {
      for (const blob of blobsIn(message)) {
        const read = readBlobHeader(blob);
        if (!read.ok) continue;
        if (direction === 'sent') {
          add(report.sent, blob.byteLength);
          continue;
        }
        const key = `${read.header.deviceId}/${read.header.seq}`;
        if (read.header.deviceId === deviceId) add(report.receivedOwn, blob.byteLength);
        else if (received.has(key)) add(report.receivedAgain, blob.byteLength);
        else add(report.receivedNew, blob.byteLength);
        received.add(key);
      }
    },
    report: () => structuredClone(report),
  };
}

/**
 * Several devices' blob traffic, added up.
 *
 * @example
 *   const total = sumBlobTraffic(classifiers.map((classifier) => classifier.report()));
 */
export function sumBlobTraffic(reports: readonly BlobTrafficReport[]): BlobTrafficReport {
  const total = (pick: (report: BlobTrafficReport) => BlobCount): BlobCount => ({
    blobs: reports.reduce((sum, report) => sum + pick(report).blobs, 0),
    bytes: reports.reduce((sum, report) => sum + pick(report).bytes, 0),
  });
  return {
    sent: total((report) => report.sent),
    receivedOwn: total((report) => report.receivedOwn),
    receivedNew: total((report) => report.receivedNew),
    receivedAgain: total((report) => report.receivedAgain),
  };
}

/** The binary log entries in a y-websocket sync step 2 or update message (none otherwise). */
function blobsIn(message: Uint8Array): Uint8Array[] {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) return [];
    if (decoding.readVarUint(decoder) === 0) return [];
    const update = decoding.readVarUint8Array(decoder);
    const blobs: Uint8Array[] = [];
    for (const struct of Y.decodeUpdate(update).structs) {
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentBinary) {
        blobs.push(struct.content.content);
      }
    }
    return blobs;
  } catch {
    return [];
  }
}
