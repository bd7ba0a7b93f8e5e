// At open, the stored outer doc is read back. Blobs the inner-doc cache already covers (their
// seq is at or below the cache's vector) were verified and applied in an earlier session: they
// are only marked verified, which is what makes a cold open fast. The rest go through every
// check, exactly as if they had just arrived. Covered snapshots are opened again only when the
// cache did not record how far snapshots cover this device's own blobs (rows from before it did).
import { readBlobHeader } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import { logItems } from '../envelope/logItems';
import { receiveLogItem } from '../heal/setAsideCopy';
import { openForRoom } from './openForRoom';
import { blobHashOf } from './quarantine';
import { noteSnapshotCoverage } from './receiveBlob';

/**
 * Processes every entry of the current room's log once, trusting what the cache covers.
 * `ownCoverageKnown`: the cache restored `room.ownCoveredUpTo`, so covered snapshots stay shut.
 *
 * @example
 *   scanStoredLog(ctx, { ownCoverageKnown: false }); // after loading the stored outer doc
 */
export function scanStoredLog(ctx: EngineContext, options: { ownCoverageKnown: boolean }): void {
  const room = ctx.room;
  for (const at of logItems(room.log)) {
    if (isCoveredByCache(ctx, at.entry, options.ownCoverageKnown)) {
      room.verified.add(at.entry);
      continue;
    }
    // A stored copy that fails (damaged at rest) is set aside and healed like one from the relay.
    receiveLogItem(ctx, at, { fromStore: true });
  }
}

function isCoveredByCache(
  ctx: EngineContext,
  entry: unknown,
  ownCoverageKnown: boolean,
): entry is Uint8Array {
  const room = ctx.room;
  const read = readBlobHeader(entry);
  if (!read.ok || !(entry instanceof Uint8Array)) return false;
  const { header } = read;
  if (header.workspaceId !== ctx.workspaceId || header.epoch !== room.epoch) return false;
  if (!ctx.devices.has(header.deviceId)) return false;
  if (header.seq > room.tracker.contiguous(header.deviceId)) return false;
  if (ctx.quarantined.has(blobHashOf(entry))) return false;
  if (header.kind === 'snapshot' && !ownCoverageKnown) {
    // Snapshots are few; opening them again recovers how far they cover this device's blobs.
    const opened = openForRoom(ctx, entry);
    if (!opened.ok) return false;
    noteSnapshotCoverage(ctx, { blob: entry, header, payload: opened.payload });
  }
  return true;
}
