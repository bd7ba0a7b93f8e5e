// A checkpoint stores the outer doc's new updates and, if the inner doc changed, the encrypted
// inner-doc cache with the seq vector it covers (and how far snapshots cover own blobs), in one
// transaction. On failure everything stays in memory and the next checkpoint writes it: a full
// disk loses nothing written.
import * as Y from 'yjs';
import { saveSyncCheckpoint } from '$lib/store';
import type { EngineContext } from '../engine/engineContext';
import { noteStoredConfirmed } from '../heads/trackHeads';
import { sealInnerCache } from './innerCache';

/**
 * Writes what changed since the last checkpoint. Rejects (StoreFullError, …) with the unsaved
 * state kept for the next attempt.
 *
 * @example
 *   const checkpoints = createCoalescingWriter({ write: () => writeCheckpoint(ctx), onError });
 */
export async function writeCheckpoint(ctx: EngineContext): Promise<void> {
  const room = ctx.room;
  const updates = room.unsavedOuter.splice(0);
  // A copy put right in place leaves no update behind: only rewriting the rows stores it.
  const fold =
    room.foldOuter || (updates.length > 0 && room.storedOuterRows >= ctx.settings.maxOuterRows);
  const foldWanted = room.foldOuter;
  room.foldOuter = false;
  const outerState = fold ? Y.encodeStateAsUpdate(room.outerDoc) : undefined;
  const outerUpdate = !fold && updates.length > 0 ? Y.mergeUpdates(updates) : undefined;
  const writeCache = ctx.innerDirty;
  ctx.innerDirty = false;
  const state = writeCache ? Y.encodeStateAsUpdate(ctx.innerDoc) : undefined;
  // Compaction weighs the state a snapshot would resend; this encoding is free to measure.
  if (state) ctx.innerStateBytes = state.byteLength;
  const cache = state
    ? {
        sealed: sealInnerCache({
          cacheKey: ctx.cacheKey,
          workspaceId: ctx.workspaceId,
          content: { state, unpublished: ctx.queue.unpublished() },
        }),
        contiguous: room.tracker.vector(),
        confirmed: room.tracker.confirmedVector(),
        ownCovered: room.ownCoveredUpTo,
      }
    : undefined;
  if (!outerUpdate && !outerState && !cache) return;
  try {
    await saveSyncCheckpoint(ctx.db, {
      workspaceId: ctx.workspaceId,
      epoch: room.epoch,
      ...(outerUpdate ? { outerUpdate } : {}),
      ...(outerState ? { outerState } : {}),
      ...(cache ? { cache } : {}),
    });
    if (outerState) room.storedOuterRows = 1;
    else if (outerUpdate) room.storedOuterRows += 1;
    if (cache) noteStoredConfirmed(room, cache.confirmed);
  } catch (error) {
    room.unsavedOuter.unshift(...updates);
    if (writeCache) ctx.innerDirty = true;
    if (foldWanted) room.foldOuter = true;
    throw error;
  }
}
