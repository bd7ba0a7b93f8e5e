import { pruneOwnBlobs } from '$lib/store';
import type { EngineContext } from '../engine/engineContext';

/**
 * Forgets (in memory and in the store) this device's blobs that a verified snapshot covers:
 * they will never need republishing.
 *
 * @example
 *   pruneCoveredOwnBlobs(ctx);
 */
export function pruneCoveredOwnBlobs(ctx: EngineContext): void {
  const room = ctx.room;
  let pruned = false;
  for (const seq of room.ownBlobs.keys()) {
    if (seq > room.ownCoveredUpTo) continue;
    room.ownBlobs.delete(seq);
    pruned = true;
  }
  if (!pruned) return;
  ctx.track(
    pruneOwnBlobs(ctx.db, {
      workspaceId: ctx.workspaceId,
      epoch: room.epoch,
      upTo: room.ownCoveredUpTo,
    }),
  );
}
