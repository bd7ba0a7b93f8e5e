// Yjs drops an incoming item whose id the doc already holds, whatever its content. So before an
// update from the relay is applied, the items it carries under ids this device already has are
// looked at here: an intact copy of a set-aside item takes its place (and is received), and a
// blob this device is missing behind a seq gap (it sits under an id whose local content is
// something else) is received and appended, like a blob from a sync file. Nothing is done, and
// nothing decoded, while no copy is set aside and no blob is held.
import * as Y from 'yjs';
import { readBlobHeader } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import { appendToLog } from '../envelope/appendToLog';
import { LOCAL_ORIGIN } from '../envelope/syncOrigins';
import { openForRoom, opensUnderAnyDevice } from '../receiver/openForRoom';
import { blobHashOf, releaseFromQuarantine } from '../receiver/quarantine';
import { receiveBlob } from '../receiver/receiveBlob';
import { isSoundOuterUpdate } from './isSoundOuterUpdate';
import { copyKey, healingCount, itemOfCopy, MAX_ASKS, type DamagedCopy } from './damagedCopy';

/**
 * Takes what `update` (untrusted, about to be applied to the current room's outer doc) brings
 * that Yjs would drop. Call it outside any transaction of the outer doc. False: the update does
 * not decode or is unsound (see isSoundOuterUpdate.ts) and must not be applied.
 *
 * @example
 *   if (takeIntactCopies(ctx, update)) Y.applyUpdate(ctx.room.outerDoc, update, relay);
 */
export function takeIntactCopies(ctx: EngineContext, update: Uint8Array): boolean {
  const room = ctx.room;
  if (ctx.closed) return true;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    // Yjs would throw too, but only once it reads the delete set, which comes last: the structs
    // before it are integrated by then (a damaged one under another parent or id, held for good).
    return false;
  }
  if (!isSoundOuterUpdate(decoded)) return false;
  const holding = room.tracker.heldCount() > 0;
  if (room.damaged.size === 0 && !holding) return true;
  const { structs } = decoded;
  const missing: Uint8Array[] = [];
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentBinary)) continue;
    const { client, clock } = struct.id;
    // An id this device lacks is integrated by Yjs and received by the log observer.
    if (Y.getState(room.outerDoc.store, client) <= clock) continue;
    const bytes = struct.content.content.slice();
    const copy = room.damaged.get(copyKey(client, clock));
    if (copy) repairCopy(ctx, copy, bytes);
    else if (holding && isMissing(ctx, bytes)) missing.push(bytes);
  }
  const fresh = missing.filter((blob) => {
    const received = receiveBlob(ctx, blob);
    return received.ok || received.code === 'SEQ_GAP';
  });
  if (fresh.length === 0) return true;
  ctx.counters.refetched += fresh.length;
  room.outerDoc.transact(() => appendToLog(room, fresh, { verified: true }), LOCAL_ORIGIN);
  return true;
}

/** Puts an intact copy in the place of a set-aside one, and receives it. */
function repairCopy(ctx: EngineContext, copy: DamagedCopy, bytes: Uint8Array): void {
  const room = ctx.room;
  const key = copyKey(copy.client, copy.clock);
  const item = itemOfCopy(room.outerDoc, copy);
  if (!item) {
    // Deleted meanwhile (a compaction covered it): nothing is missing any more.
    forgetCopy(ctx, copy);
    return;
  }
  if (blobHashOf(bytes) === copy.badHash || !opensIntact(ctx, bytes)) {
    // The source serves bad bytes for this item too: after a few, stop asking for it.
    copy.badAnswers += 1;
    if (copy.badAnswers >= MAX_ASKS) giveUpCopy(ctx, copy);
    return;
  }
  item.content = new Y.ContentBinary(bytes);
  room.damaged.delete(key);
  releaseFromQuarantine(ctx, copy.badHash);
  ctx.counters.repaired += 1;
  ctx.status.update({ healing: healingCount(room.damaged) });
  room.foldOuter = true;
  ctx.checkpoints.request();
  receiveBlob(ctx, bytes);
}

/**
 * Drops a set-aside copy that nothing needs any more (its item was deleted, or now verifies).
 *
 * @example
 *   forgetCopy(ctx, copy);
 */
export function forgetCopy(ctx: EngineContext, copy: DamagedCopy): void {
  const room = ctx.room;
  if (!room.damaged.delete(copyKey(copy.client, copy.clock))) return;
  releaseFromQuarantine(ctx, copy.badHash);
  ctx.status.update({ healing: healingCount(room.damaged) });
}

/**
 * Drops a set-aside copy that turned out authentic but refused for what it holds (its device was
 * not accepted yet when it came): it is no longer damage, and stays quarantined for its reason.
 *
 * @example
 *   stopHealing(ctx, copy);
 */
export function stopHealing(ctx: EngineContext, copy: DamagedCopy): void {
  if (!ctx.room.damaged.delete(copyKey(copy.client, copy.clock))) return;
  ctx.status.update({ healing: healingCount(ctx.room.damaged) });
}

/**
 * Stops asking for a copy that cannot be had: it stays set aside (never served) and
 * quarantined, and the status no longer counts it as being healed.
 *
 * @example
 *   giveUpCopy(ctx, copy);
 */
export function giveUpCopy(ctx: EngineContext, copy: DamagedCopy): void {
  copy.gaveUp = true;
  ctx.counters.gaveUp += 1;
  ctx.status.update({ healing: healingCount(ctx.room.damaged) });
}

/**
 * Whether `bytes` open under the room's key and their own device's signature: an intact copy,
 * even of a device the chain does not count yet (receiving it then quarantines it, bytes kept,
 * until the device is accepted, or takes the chain records that admit it).
 */
function opensIntact(ctx: EngineContext, bytes: Uint8Array): boolean {
  const opened = openForRoom(ctx, bytes);
  return opened.ok || (opened.code === 'UNKNOWN_DEVICE' && opensUnderAnyDevice(ctx, bytes));
}

/**
 * A blob of this room's epoch whose seq this device has neither applied nor holds, and that
 * opens: a damaged copy here has no item of this device's to set aside, so it is not taken.
 */
function isMissing(ctx: EngineContext, blob: Uint8Array): boolean {
  const read = readBlobHeader(blob);
  if (!read.ok) return false;
  const { header } = read;
  if (header.workspaceId !== ctx.workspaceId || header.epoch !== ctx.room.epoch) return false;
  if (ctx.room.tracker.place(header.deviceId, header.seq) === 'duplicate') return false;
  return openForRoom(ctx, blob).ok;
}

/**
 * Drops the set-aside copies among `deleted` items of the log (a compaction covered them: the
 * relay will never send them again, and nothing needs them).
 *
 * @example
 *   forgetDeletedCopies(ctx, event.changes.deleted);
 */
export function forgetDeletedCopies(ctx: EngineContext, deleted: Iterable<Y.Item>): void {
  const room = ctx.room;
  if (room.damaged.size === 0) return;
  for (const item of deleted) {
    for (let offset = 0; offset < item.length; offset += 1) {
      const copy = room.damaged.get(copyKey(item.id.client, item.id.clock + offset));
      if (copy) forgetCopy(ctx, copy);
    }
  }
}
