// The first thing a device publishes in a new epoch is a seed: a snapshot of its whole inner
// doc. The new room starts empty, and edits that reached only this device before it moved (or
// that it made while the others had moved already) exist nowhere else; the seed carries them
// over. The obligation is stored with the epoch switch and cleared only after the seed is
// stored, so a crash in between publishes it on the next open; the old epoch's rows are deleted
// in the transaction that clears it.
import { markSeedPublished } from '$lib/store';
import { compactLog } from '../compaction/compactLog';
import type { EngineContext } from '../engine/engineContext';

/**
 * Publishes the seed snapshot if this device still owes one. Run as a serial task. A store
 * failure is reported in the status and retried after `settings.retryMs`.
 *
 * @example
 *   await ctx.tasks.run(() => publishSeed(ctx));
 */
export async function publishSeed(ctx: EngineContext): Promise<void> {
  if (!ctx.seedPending || ctx.closed) return;
  const epoch = ctx.room.epoch;
  try {
    await compactLog(ctx, { deleteCovered: false });
    ctx.seedPending = false;
    // A checkpoint of the old room that started before the switch may still write its rows.
    await ctx.checkpoints.idle();
    await markSeedPublished(ctx.db, { workspaceId: ctx.workspaceId, epoch });
  } catch (error) {
    ctx.status.update({ storeError: error instanceof Error ? error.message : String(error) });
    if (ctx.seedPending) {
      ctx.clock.setTimeout(() => void ctx.tasks.run(() => publishSeed(ctx)), ctx.settings.retryMs);
    }
  }
}
