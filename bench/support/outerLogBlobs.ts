// The sealed blobs an outer doc's log holds, named by their public header (device and seq),
// to tell which blobs one device has that the other lacks.
import type * as Y from 'yjs';
import { getOuterLog } from '$lib/sync';
import { readBlobHeader } from '$lib/sync/blob';

/**
 * The byte size of every blob in `outerDoc`'s log, by `deviceId/seq`.
 *
 * @example
 *   const mine = blobSizesOf(engine.room().doc);
 */
export function blobSizesOf(outerDoc: Y.Doc): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const entry of getOuterLog(outerDoc).toArray()) {
    const read = readBlobHeader(entry);
    if (read.ok && entry instanceof Uint8Array) {
      sizes.set(`${read.header.deviceId}/${read.header.seq}`, entry.byteLength);
    }
  }
  return sizes;
}

/**
 * The sizes of the blobs in `from` that `other` lacks.
 *
 * @example
 *   const newToBob = blobsMissingFrom(alice, bob);
 */
export function blobsMissingFrom(
  from: ReadonlyMap<string, number>,
  other: ReadonlyMap<string, number>,
): number[] {
  return [...from].filter(([key]) => !other.has(key)).map(([, bytes]) => bytes);
}
