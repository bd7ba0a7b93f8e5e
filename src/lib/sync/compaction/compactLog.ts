// Compaction keeps the outer doc small: one snapshot of the inner doc, whose signed manifest
// says which seqs of each device it covers, replaces the blobs it covers, in one outer
// transaction (so no peer ever sees the deletions without the snapshot). Only blobs this device
// verified are deleted, never one it could not open. Two devices compacting at once is
// harmless: each snapshot holds everything its manifest claims, deleting a deleted item is a
// no-op in Yjs, and the later compaction covers the earlier snapshot by its seq.
import * as Y from 'yjs';
import type { DeviceId } from '$lib/crypto';
import { readBlobHeader } from '../blob';
import { publishBlob } from '../envelope/publishBlob';
import type { EngineContext, EpochRoom } from '../engine/engineContext';
import { headsToSeal } from '../heads/trackHeads';
import { pruneCoveredOwnBlobs } from './pruneCoveredOwnBlobs';
import { encodeSnapshotPayload } from './snapshotPayload';

/**
 * Publishes a snapshot of the inner doc covering every device's contiguous seq and, when
 * `deleteCovered`, deletes the covered verified blobs in the same transaction. The seed of a new
 * epoch is the same snapshot without deletions. Run it as a serial task, after publishing
 * pending local edits; rejects (StoreFullError, …) with nothing changed.
 *
 * @example
 *   const { deleted } = await ctx.tasks.run(() => compactLog(ctx, { deleteCovered: true }));
 */
export async function compactLog(
  ctx: EngineContext,
  options: { deleteCovered: boolean },
): Promise<{ seq: number; deleted: number }> {
  const room = ctx.room;
  const me = ctx.identity.deviceId;
  // Manifest and state are read together, synchronously: the state holds what the manifest says.
  const manifest = new Map<DeviceId, number>();
  for (const [deviceId, seq] of room.tracker.vector()) {
    if (seq > 0 && deviceId !== me && ctx.devices.has(deviceId)) manifest.set(deviceId, seq);
  }
  const state = Y.encodeStateAsUpdate(ctx.innerDoc);
  let deleted = 0;
  const { seq } = await publishBlob(ctx, {
    kind: 'snapshot',
    payloadFor: (seq) => {
      // Every own blob before this one came from this inner doc.
      manifest.set(me, seq - 1);
      return encodeSnapshotPayload({ manifest, state, heads: headsToSeal(ctx, seq) });
    },
    alsoInTransaction: () => {
      // The new snapshot is not covered: the manifest gives this device seq - 1.
      if (options.deleteCovered) deleted = deleteCovered(room, manifest);
    },
  });
  if (options.deleteCovered) {
    ctx.counters.compactions += 1;
    ctx.counters.deleted += deleted;
  }
  if (seq - 1 > room.ownCoveredUpTo) {
    room.ownCoveredUpTo = seq - 1;
    ctx.innerDirty = true;
  }
  ctx.innerStateBytes = state.byteLength;
  pruneCoveredOwnBlobs(ctx);
  return { seq, deleted };
}

/** Deletes, inside the caller's transaction, the verified log entries the manifest covers. */
function deleteCovered(room: EpochRoom, manifest: ReadonlyMap<DeviceId, number>): number {
  const entries = room.log.toArray();
  let deleted = 0;
  // From the end, so earlier indexes stay valid; adjacent entries go in one delete.
  for (let index = entries.length - 1; index >= 0;) {
    if (!isCovered(room, manifest, entries[index])) {
      index -= 1;
      continue;
    }
    let start = index;
    while (start > 0 && isCovered(room, manifest, entries[start - 1])) start -= 1;
    room.log.delete(start, index - start + 1);
    deleted += index - start + 1;
    index = start - 1;
  }
  return deleted;
}

function isCovered(
  room: EpochRoom,
  manifest: ReadonlyMap<DeviceId, number>,
  entry: unknown,
): boolean {
  if (!(entry instanceof Uint8Array) || !room.verified.has(entry)) return false;
  const read = readBlobHeader(entry);
  if (!read.ok || read.header.epoch !== room.epoch) return false;
  return read.header.seq <= (manifest.get(read.header.deviceId) ?? 0);
}
