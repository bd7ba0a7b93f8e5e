// Compaction starts by itself once the log passes `compactAfter` blobs and at least half that
// many update blobs are deletable (verified and covered). Two guards keep devices from
// compacting in a loop:
//  - only update blobs count: right after a compaction the log holds one snapshot per device
//    that compacted, and those alone never trigger another (with more devices than the bound
//    they would, for ever);
//  - each device waits a delay of its own (a fraction of `compactJitterMs` taken from its id)
//    and checks again: the relay delivers a full log to every device at once, and the first
//    device's snapshot usually reaches the others before their own delay ends.
import { fromBase64Url } from '$lib/crypto';
import { readBlobHeader } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import { publishPending } from '../envelope/publishPending';
import { compactLog } from './compactLog';

/**
 * Schedules a compaction if one is due.
 *
 * @example
 *   maybeCompact(ctx); // after blobs arrive or are published
 */
export function maybeCompact(ctx: EngineContext): void {
  if (ctx.closed || ctx.compactionQueued || !isCompactionDue(ctx)) return;
  ctx.compactionQueued = true;
  const room = ctx.room;
  const run = async () => {
    ctx.compactionQueued = false;
    if (ctx.closed || ctx.room !== room || !isCompactionDue(ctx)) return;
    await publishPending(ctx);
    await compactLog(ctx, { deleteCovered: true });
  };
  ctx.clock.setTimeout(() => {
    void ctx.tasks.run(run).catch((error: unknown) => {
      ctx.status.update({ storeError: error instanceof Error ? error.message : String(error) });
    });
  }, compactionDelay(ctx));
}

/**
 * Whether the log is long enough, and enough of it deletable, to compact.
 *
 * @example
 *   if (isCompactionDue(ctx)) await compactLog(ctx, { deleteCovered: true });
 */
export function isCompactionDue(ctx: EngineContext): boolean {
  const { log, verified, tracker, epoch } = ctx.room;
  const { compactAfter } = ctx.settings;
  if (log.length <= compactAfter) return false;
  let deletableUpdates = 0;
  for (const entry of log.toArray()) {
    if (!(entry instanceof Uint8Array) || !verified.has(entry)) continue;
    const read = readBlobHeader(entry);
    if (!read.ok || read.header.kind !== 'update' || read.header.epoch !== epoch) continue;
    if (read.header.seq <= tracker.contiguous(read.header.deviceId)) deletableUpdates += 1;
  }
  return deletableUpdates >= compactAfter / 2;
}

function compactionDelay(ctx: EngineContext): number {
  const firstByte = fromBase64Url(ctx.identity.deviceId)?.[0] ?? 0;
  return Math.round((ctx.settings.compactJitterMs * firstByte) / 256);
}
