// The second half of an open: the current room's stored outer doc and this device's unconfirmed
// blobs are applied and checked, then the room is attached (listeners, relay, subscribers). With
// a usable inner-doc cache this runs after the open has reported the workspace ready, as the
// first serial task: the inner doc is already right, and everything that reads or writes the
// outer doc (publishing, compaction, the relay, sync files) waits for it. Without one, the open
// runs it before reporting ready, since the inner doc is rebuilt from the stored log.
import * as Y from 'yjs';
import { loadStoredLog, type StoredLog } from '$lib/store';
import { readBlobHeader } from '../blob';
import { republishOwn } from '../compaction/republishOwn';
import { publishPending, updateWaiting } from '../envelope/publishPending';
import { STORE_ORIGIN } from '../envelope/syncOrigins';
import { publishSeed } from '../epoch/publishSeed';
import { receiveBlob } from '../receiver/receiveBlob';
import { recheckDamageRecords } from '../receiver/quarantine';
import { recheckAdmitted } from '../receiver/followMembership';
import { scanStoredLog } from '../receiver/scanStoredLog';
import { noteStoredConfirmed } from '../heads/trackHeads';
import type { EngineContext } from './engineContext';

/** How the loaded room is attached, and what the cache already told. */
export interface StoredRoomOptions {
  /** `RoomBinding.attach`: listeners first, then `prepare`, then the relay and subscribers. */
  attach: (prepare: () => void) => void;
  /** The cache recorded the own coverage: stored snapshots need not be opened again. */
  ownCoverageKnown: boolean;
  /** Quarantine records that may be transit damage, re-checked by the scan. */
  damageRecords: ReadonlySet<string>;
}

/**
 * Reads the current room's stored log and attaches the room, then publishes what waited for it
 * (a seed owed, local edits). Run it as a serial task. A read failure is reported in the status
 * and retried after `settings.retryMs`; until then nothing touches the outer doc.
 *
 * @example
 *   void ctx.tasks.run(() => loadStoredRoom(ctx, { attach: binding.attach, ownCoverageKnown }));
 */
export async function loadStoredRoom(
  ctx: EngineContext,
  options: StoredRoomOptions,
): Promise<void> {
  if (ctx.logLoaded || ctx.closed) return;
  const room = ctx.room;
  let stored: StoredLog;
  try {
    stored = await loadStoredLog(ctx.db, { workspaceId: ctx.workspaceId, epoch: room.epoch });
  } catch (error) {
    ctx.status.update({ storeError: readFailure(error) });
    ctx.clock.setTimeout(() => {
      if (!ctx.closed) void ctx.tasks.run(() => loadStoredRoom(ctx, options));
    }, ctx.settings.retryMs);
    return;
  }
  if (ctx.closed || ctx.room !== room) return;
  if (ctx.status.get().storeError?.startsWith(READ_FAILURE)) {
    ctx.status.update({ storeError: null });
  }
  attachStoredRoom(ctx, { ...options, stored });
  await publishSeed(ctx);
  await publishPending(ctx);
}

/**
 * Applies a stored log read for the current room and attaches the room. Blobs the cache covers
 * are only marked verified; the rest go through every check. Own blobs the stored outer doc
 * lost (a crash before its checkpoint, or a deletion by the relay) go back; those the cache does
 * not cover yet are applied like any other blob.
 *
 * @example
 *   attachStoredRoom(ctx, { stored: await loadStoredLog(db, scope), attach, ownCoverageKnown });
 */
export function attachStoredRoom(
  ctx: EngineContext,
  input: StoredRoomOptions & { stored: StoredLog },
): void {
  const { stored, attach, ownCoverageKnown, damageRecords } = input;
  const room = ctx.room;
  let damagedRows = stored.damagedRows;
  for (const update of stored.outerUpdates) {
    try {
      Y.applyUpdate(room.outerDoc, update, STORE_ORIGIN);
    } catch {
      // A row that passed its check but does not apply (written so by an older build): skip it.
      damagedRows += 1;
    }
  }
  room.storedOuterRows = stored.outerUpdates.length;
  // Damaged rows are replaced by one row of what did load; the relay (or a sync file) brings
  // back what they held, since the state vector no longer claims it.
  if (damagedRows > 0) {
    room.foldOuter = true;
    ctx.counters.damagedRows += damagedRows;
    ctx.checkpoints.request();
  }
  for (const own of stored.ownBlobs) room.ownBlobs.set(own.seq, own.blob);
  attach(() => {
    recheckDamageRecords(ctx, damageRecords, () => scanStoredLog(ctx, { ownCoverageKnown }));
    const me = ctx.identity.deviceId;
    for (const blob of republishOwn(ctx)) {
      const read = readBlobHeader(blob);
      if (read.ok && read.header.seq > room.tracker.contiguous(me)) receiveBlob(ctx, blob);
    }
    // Everything applied so far came from the store: head vectors may say so.
    noteStoredConfirmed(room, room.tracker.confirmedVector());
    ctx.logLoaded = true;
    recheckAdmitted(ctx);
  });
  // A cache row from before it recorded the own coverage has just learnt it: store it.
  if (ctx.innerDirty) ctx.checkpoints.request();
  updateWaiting(ctx);
}

const READ_FAILURE = 'Storage could not be read';

function readFailure(error: unknown): string {
  const reason = error instanceof Error ? error.name : 'unknown error';
  return `${READ_FAILURE} (${reason}); this device keeps your edits and tries again.`;
}
