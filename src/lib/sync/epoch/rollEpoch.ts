// Epoch rollover moves the pair to a fresh room: a new epoch key (so a removed device cannot
// read what follows), the room id and relay token derived from it, and an outer doc that starts
// with one seed snapshot per device instead of the old log and its tombstones. The device that
// rotates calls this with the key it made; every other device calls it with the same epoch and
// key once they reach it (sealed to each device by the key-distribution flow). Each device seeds
// the new room with its whole inner doc, so edits made in the old room by a device that moved
// late still arrive. An epoch at or below the current one is refused (`STALE_EPOCH`).
//
// What is left of the old epoch: its wrapped key goes with the switch, its key bytes are zeroed
// once the new room replaces the old one (the engine keeps its own copy of every epoch key, so
// no caller's array is touched), and its stored rows go once the seed is stored (publishSeed).
import { resetAcceptedDevices } from '../receiver/followMembership';
import * as Y from 'yjs';
import type { WorkspaceKey } from '$lib/crypto';
import { switchWorkspaceEpoch } from '$lib/store';
import type { EngineContext, EpochRoom } from '../engine/engineContext';
import { releaseFromQuarantine } from '../receiver/quarantine';
import { createEpochRoom } from '../engine/createEpochRoom';
import { publishPending } from '../envelope/publishPending';
import { sealInnerCache } from '../persistence/innerCache';
import { reportHeads } from '../heads/trackHeads';
import { publishSeed } from './publishSeed';

/** The outcome of an epoch rollover. */
export type RollEpochResult = { ok: true } | { ok: false; code: 'STALE_EPOCH' };

/**
 * Moves the workspace to `epoch` under `key`; `replaceRoom` swaps the engine's listeners and
 * relay connection over to the new room. Run as a serial task.
 *
 * @example
 *   await ctx.tasks.run(() => rollEpoch(ctx, { epoch: 4, key, replaceRoom }));
 * @throws StoreFullError if the switch cannot be stored (nothing changed then).
 */
export async function rollEpoch(
  ctx: EngineContext,
  input: { epoch: number; key: WorkspaceKey; replaceRoom: (room: EpochRoom) => void },
): Promise<RollEpochResult> {
  const { epoch, replaceRoom } = input;
  if (!Number.isInteger(epoch) || epoch <= ctx.room.epoch)
    return { ok: false, code: 'STALE_EPOCH' };
  // The old room gets what is pending; if that fails the edits stay queued for the new room.
  await publishPending(ctx);
  await ctx.checkpoints.idle();
  const key = input.key.slice() as WorkspaceKey;
  // The switch stores the whole inner doc with it: a checkpoint that failed before it (a full
  // disk) would otherwise leave a cache older than the edits only the old rows still hold.
  const sealedCache = sealInnerCache({
    cacheKey: ctx.cacheKey,
    workspaceId: ctx.workspaceId,
    content: { state: Y.encodeStateAsUpdate(ctx.innerDoc), unpublished: ctx.queue.unpublished() },
  });
  const switched = await switchWorkspaceEpoch(ctx.db, {
    workspaceId: ctx.workspaceId,
    epoch,
    key,
    vaultKey: ctx.vaultKey,
    sealedCache,
  });
  if (!switched.ok) return switched;
  const oldKey = ctx.room.key;
  // Copies of the old room still set aside are past healing (the room is left, and the new one
  // is seeded with every device's whole state): they leave the quarantine with it.
  const setAside = [...ctx.room.damaged.values()];
  resetAcceptedDevices(ctx);
  replaceRoom(createEpochRoom({ epoch, key, contiguous: new Map() }));
  // Nothing reads the old room after the replacement (its listeners, healer and relay are gone).
  // The superseded room itself stays on the relay, which cannot delete a room yet (issue #13):
  // once it can, keep the old room id and relay token from here and ask for its deletion only
  // after this device's seed is stored and every remaining member's seed has reached the new
  // room: a device that has not moved yet learns the new key from the record in the old room.
  oldKey.fill(0);
  ctx.ownership.forgetWritten();
  for (const copy of setAside) releaseFromQuarantine(ctx, copy.badHash);
  ctx.seedPending = true;
  ctx.innerDirty = true;
  ctx.status.update({ epoch, gaps: [], healing: 0 });
  // Heads and warnings are per room: the new one has heard nobody yet.
  reportHeads(ctx);
  await publishSeed(ctx);
  return { ok: true };
}
