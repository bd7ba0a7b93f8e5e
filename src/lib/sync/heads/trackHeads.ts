// Both ends of the head vectors (headVector.ts). Sealing: a blob carries what this device's
// store holds as confirmed per device (not the in-memory tracker: after a crash the device
// would otherwise seal less than it sealed before, and look as if it went back) and its own
// entry, the blob's seq. Receiving: per other device the newest vector applied here is kept
// (by the sender's seq), and three signs of a rollback are reported, each device and kind once:
//  - `went-back`: of two blobs of one device, the later says less of some device (or drops the
//    vector, or its epoch) than the earlier: it forgot what it had;
//  - `ahead-of-me`: a vector claims more of this device's blobs than this device published;
//  - `newer-epoch`: a vector's epoch is past this device's, read in this device's room.
// An honest device's vectors only grow in its seq order, never pass what a device published
// (its own blobs are the only way its seqs get confirmed) and name the room's epoch.
import type { DeviceId } from '$lib/crypto';
import type { BlobHeader } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import type { DeviceHeads, RollbackWarning } from '../status/syncStatus';
import { compareChainHashes } from '../membership/compareChainHashes';
import { MAX_HEAD_ENTRIES, type HeadVector } from './headVector';

/**
 * The head vector for this device's blob `seq` in the current room.
 *
 * @example
 *   payloadFor: (seq) => encodeUpdatePayload({ ...batch, heads: headsToSeal(ctx, seq) })
 */
export function headsToSeal(ctx: EngineContext, seq: number): HeadVector {
  const me = ctx.identity.deviceId;
  const others = [...ctx.room.storedConfirmed].filter(
    ([deviceId, at]) => deviceId !== me && at > 0,
  );
  // A pair never has 64 devices writing in one epoch; past that, a bounded vector beats none.
  others.sort(([a], [b]) => compareChainHashes(a, b));
  const seqs = new Map(others.slice(0, MAX_HEAD_ENTRIES - 1));
  seqs.set(me, seq);
  return { epoch: ctx.room.epoch, seqs };
}

/**
 * Records that the store now holds `confirmed` (a checkpoint wrote it, or the stored log was
 * just read back): later blobs may say so.
 *
 * @example
 *   noteStoredConfirmed(room, cache.confirmed);
 */
export function noteStoredConfirmed(
  room: EngineContext['room'],
  confirmed: ReadonlyMap<DeviceId, number>,
): void {
  const merged = new Map(room.storedConfirmed);
  for (const [deviceId, seq] of confirmed) {
    merged.set(deviceId, Math.max(seq, merged.get(deviceId) ?? 0));
  }
  room.storedConfirmed = merged;
}

/**
 * Takes in the head vector of a blob just applied (`heads` undefined: a FORMAT-1 payload) and
 * updates the status's heads and rollback warnings.
 *
 * @example
 *   if (applied.ok) noteHeads(ctx, opened.header, decoded.payload.heads);
 */
export function noteHeads(
  ctx: EngineContext,
  header: BlobHeader,
  heads: HeadVector | undefined,
): void {
  const me = ctx.identity.deviceId;
  const { deviceId, seq } = header;
  if (deviceId === me) return;
  const room = ctx.room;
  const known = room.heard.get(deviceId);
  if (known && seq !== known.seq) {
    const [older, newer] = seq > known.seq ? [known.heads, heads] : [heads, known.heads];
    if (older && wentBack(older, newer)) warn(ctx, { deviceId, kind: 'went-back' });
  }
  if (heads) {
    if ((heads.seqs.get(me) ?? 0) > ownPublished(ctx)) warn(ctx, { deviceId, kind: 'ahead-of-me' });
    if (heads.epoch > room.epoch) warn(ctx, { deviceId, kind: 'newer-epoch' });
    if (!known || seq > known.seq) room.heard.set(deviceId, { seq, heads, at: ctx.clock.now() });
  }
  reportHeads(ctx);
}

/**
 * Puts the current room's heads and warnings in the status (this device's own published seq
 * changes them too).
 *
 * @example
 *   reportHeads(ctx); // after publishing a blob
 */
export function reportHeads(ctx: EngineContext): void {
  const me = ctx.identity.deviceId;
  const room = ctx.room;
  const mineNow = ownPublished(ctx);
  const heads: DeviceHeads[] = [];
  for (const [deviceId, heard] of room.heard) {
    if (!ctx.devices.has(deviceId)) continue;
    heads.push({ deviceId, hasMineUpTo: heard.heads.seqs.get(me) ?? 0, mineNow, at: heard.at });
  }
  heads.sort((a, b) => compareChainHashes(a.deviceId, b.deviceId));
  ctx.status.update({ heads, rollback: [...room.rollback] });
}

/** Whether `newer` (undefined: no vector at all) says less than `older` anywhere. */
function wentBack(older: HeadVector, newer: HeadVector | undefined): boolean {
  if (!newer || newer.epoch < older.epoch) return true;
  for (const [deviceId, seq] of older.seqs) {
    if ((newer.seqs.get(deviceId) ?? 0) < seq) return true;
  }
  return false;
}

/**
 * The highest seq this device published in the current room, as far as it knows: its tracker
 * (which its own blobs raise), its stored own blobs (read back before anything is received) and
 * what snapshots are known to cover.
 */
function ownPublished(ctx: EngineContext): number {
  const room = ctx.room;
  let highest = Math.max(room.tracker.contiguous(ctx.identity.deviceId), room.ownCoveredUpTo);
  for (const seq of room.ownBlobs.keys()) highest = Math.max(highest, seq);
  return highest;
}

function warn(ctx: EngineContext, warning: RollbackWarning): void {
  const { rollback } = ctx.room;
  if (rollback.some((each) => each.deviceId === warning.deviceId && each.kind === warning.kind))
    return;
  rollback.push(warning);
}
