// Yjs deletions carry no signature: the relay (or anyone with the relay token) can delete any
// blob. A device notices when one of its own blobs is gone from the log without a verified
// snapshot covering it, and appends it again, byte for byte: receivers that had it drop the
// copy as a duplicate, and those that missed it close their gap.
import { readBlobHeader } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import { appendToLog } from '../envelope/appendToLog';
import { LOCAL_ORIGIN } from '../envelope/syncOrigins';
import { openForRoom } from '../receiver/openForRoom';

/**
 * Appends this device's blobs that are missing from the log and not covered by a snapshot;
 * returns them.
 *
 * @example
 *   const republished = republishOwn(ctx);
 */
export function republishOwn(ctx: EngineContext): Uint8Array[] {
  const room = ctx.room;
  const me = ctx.identity.deviceId;
  const present = new Set<number>();
  for (const entry of room.log.toArray()) {
    if (!(entry instanceof Uint8Array) || !room.verified.has(entry)) continue;
    const read = readBlobHeader(entry);
    if (read.ok && read.header.deviceId === me && read.header.epoch === room.epoch) {
      present.add(read.header.seq);
    }
  }
  const missing = [...room.ownBlobs]
    .filter(([seq]) => seq > room.ownCoveredUpTo && !present.has(seq))
    .sort(([a], [b]) => a - b)
    .filter(([seq, blob]) => isIntactOwn(ctx, seq, blob))
    .map(([, blob]) => blob);
  if (missing.length > 0) {
    room.outerDoc.transact(() => appendToLog(room, missing, { verified: true }), LOCAL_ORIGIN);
    ctx.counters.republished += missing.length;
  }
  return missing;
}

/**
 * Whether an own blob read back from the store still opens. One damaged at rest is dropped,
 * never sent: its intact copy, if any, is on the relay or in the log.
 *
 * @example
 *   if (!isIntactOwn(ctx, seq, blob)) continue;
 */
export function isIntactOwn(ctx: EngineContext, seq: number, blob: Uint8Array): boolean {
  if (openForRoom(ctx, blob).ok) return true;
  ctx.room.ownBlobs.delete(seq);
  ctx.counters.damagedOwn += 1;
  return false;
}
