// Compaction starts by itself once the log passes `compactAfter` blobs, at least half that many
// update blobs are deletable (verified and covered), and those deletable blobs weigh at least
// `compactBytesFactor` times the inner doc's encoded state. The bytes rule is there because a
// compaction is not free: its snapshot resends the whole state, to the relay and to every
// device, and incremental sync gains nothing from it (a device that has the blobs needs none of
// the snapshot). Demanding that a compaction delete k times what it sends keeps compactions,
// over a workspace's life, from adding more than 1/k to what its update blobs cost (k = 8: an
// eighth), while the log a new device downloads (and every device stores) stays within about
// k + 1 times the state. For a doc that is mostly fresh text the log is only a few times the
// state, so it is not compacted until edits have shrunk or outgrown it; for many small edits to
// a small doc the count bound decides, as before. The state's size is the one the last
// checkpoint (or the cache) measured: free, and fresh enough.
//
// Two guards keep devices from compacting in a loop:
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
 * Schedules a check for a compaction once the log is past the bound; the full rule is checked
 * when the delay ends, by which time the checkpoint that follows every change has measured the
 * state (a change that shrinks the state is what makes the same blobs worth compacting).
 *
 * @example
 *   maybeCompact(ctx); // after blobs arrive or are published
 */
export function maybeCompact(ctx: EngineContext): void {
  if (ctx.closed || ctx.compactionQueued) return;
  if (ctx.room.log.length <= ctx.settings.compactAfter) return;
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
 * Whether the log is long enough, and enough of it deletable (by count and by bytes), to compact.
 *
 * @example
 *   if (isCompactionDue(ctx)) await compactLog(ctx, { deleteCovered: true });
 */
export function isCompactionDue(ctx: EngineContext): boolean {
  const { log, verified, tracker, epoch } = ctx.room;
  const { compactAfter, compactBytesFactor } = ctx.settings;
  if (log.length <= compactAfter) return false;
  const entries = log.toArray();
  const needBytes = compactBytesFactor * ctx.innerStateBytes;
  // A large doc keeps a long log: rule it out without parsing a header when even every entry
  // together is too light.
  let allBytes = 0;
  for (const entry of entries) if (entry instanceof Uint8Array) allBytes += entry.byteLength;
  if (allBytes < needBytes) return false;
  let deletableUpdates = 0;
  let deletableBytes = 0;
  for (const entry of entries) {
    if (!(entry instanceof Uint8Array) || !verified.has(entry)) continue;
    const read = readBlobHeader(entry);
    if (!read.ok || read.header.kind !== 'update' || read.header.epoch !== epoch) continue;
    if (read.header.seq > tracker.contiguous(read.header.deviceId)) continue;
    deletableUpdates += 1;
    deletableBytes += entry.byteLength;
  }
  return deletableUpdates >= compactAfter / 2 && deletableBytes >= needBytes;
}

function compactionDelay(ctx: EngineContext): number {
  const firstByte = fromBase64Url(ctx.identity.deviceId)?.[0] ?? 0;
  return Math.round((ctx.settings.compactJitterMs * firstByte) / 256);
}
