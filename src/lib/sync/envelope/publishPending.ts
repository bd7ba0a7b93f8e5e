// The seal queue's batch becomes one update blob. On a store failure (the device is full) the
// batch goes back to the queue and is retried later: the edits stay in the inner doc and in the
// queue, so nothing written is lost, and the status says why nothing is being sent.
import type { EngineContext } from '../engine/engineContext';
import { headsToSeal } from '../heads/trackHeads';
import { publishBlob } from './publishBlob';
import { encodeUpdatePayload } from './updatePayload';

/**
 * Seals and publishes every local update waiting in the queue, once the room's stored log is
 * loaded. Never rejects: a failure is reported in the status and retried after `settings.retryMs`.
 *
 * @example
 *   await ctx.tasks.run(() => publishPending(ctx));
 */
export async function publishPending(ctx: EngineContext): Promise<void> {
  // Before the stored log is loaded the edits wait (kept in the cache); the loader publishes them.
  if (!ctx.logLoaded) return;
  const batch = ctx.queue.take();
  if (!batch) return;
  try {
    await publishBlob(ctx, {
      kind: 'update',
      payloadFor: (seq) => encodeUpdatePayload({ ...batch, heads: headsToSeal(ctx, seq) }),
    });
    ctx.queue.confirm();
    ctx.status.update({ storeError: null });
  } catch (error) {
    ctx.queue.restore(ctx.settings.retryMs);
    ctx.status.update({ storeError: error instanceof Error ? error.message : String(error) });
  }
  updateWaiting(ctx);
}

/**
 * Recomputes the status's count of changes waiting to be sent.
 *
 * @example
 *   updateWaiting(ctx);
 */
export function updateWaiting(ctx: EngineContext): void {
  ctx.status.update({ waiting: ctx.queue.size() + ctx.room.unsent });
}
