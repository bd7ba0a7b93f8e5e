// An epoch rollover moves the workspace to a new key and a new room. On this device that is one
// transaction: the new key replaces the old, the old epoch's outer doc, own blobs and seq row
// go (the new epoch is seeded with a snapshot of the inner doc, which holds all of it), and the
// device notes that it owes the new epoch its seed snapshot, so a crash before the seed is
// published still publishes it on the next open.
import { wrapKey, type VaultKey, type WorkspaceId, type WorkspaceKey } from '$lib/crypto';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/**
 * Switches the stored workspace to `epoch` with `key` (only forward).
 *
 * @example
 *   const switched = await switchWorkspaceEpoch(db, { workspaceId, epoch: 3, key, vaultKey });
 * @throws StoreFullError when the device is out of space; an Error if the workspace is unknown.
 */
export async function switchWorkspaceEpoch(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number; key: WorkspaceKey; vaultKey: VaultKey },
): Promise<{ ok: true } | { ok: false; code: 'STALE_EPOCH' }> {
  const { workspaceId, epoch, key, vaultKey } = input;
  const wrappedKey = wrapKey({ key, vaultKey });
  return withStoreErrors(() =>
    db.transaction('rw', [db.workspaces, db.outerUpdates, db.ownBlobs, db.seqState], async () => {
      const row = await db.workspaces.get(workspaceId);
      if (!row) throw new Error('switchWorkspaceEpoch: no such workspace');
      if (epoch <= row.epoch) return { ok: false, code: 'STALE_EPOCH' };
      await db.workspaces.update(workspaceId, { epoch, wrappedKey, seedPending: true });
      const older = [
        [workspaceId, 0],
        [workspaceId, epoch - 1],
      ];
      await db.outerUpdates
        .where('[workspaceId+epoch]')
        .between(older[0], older[1], true, true)
        .delete();
      await db.ownBlobs
        .where('[workspaceId+epoch]')
        .between(older[0], older[1], true, true)
        .delete();
      await db.seqState
        .where('[workspaceId+epoch]')
        .between(older[0], older[1], true, true)
        .delete();
      return { ok: true };
    }),
  );
}

/**
 * Notes that this device has published its seed snapshot of `epoch`.
 *
 * @example
 *   await markSeedPublished(db, { workspaceId, epoch });
 */
export async function markSeedPublished(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number },
): Promise<void> {
  await withStoreErrors(() =>
    db.transaction('rw', db.workspaces, async () => {
      const row = await db.workspaces.get(input.workspaceId);
      if (row?.epoch === input.epoch)
        await db.workspaces.update(input.workspaceId, { seedPending: false });
    }),
  );
}
