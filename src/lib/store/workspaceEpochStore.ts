// An epoch rollover moves the workspace to a new key and a new room. On this device it takes two
// transactions. The switch: the new key replaces the old (whose wrapped form is gone with it),
// the inner-doc cache is written afresh (the whole inner doc and the local edits not yet
// published, which is everything the old epoch's rows held that this device can still read:
// they are sealed under the old key), and the device notes that it owes the new epoch its seed
// snapshot. Then, once the seed is stored: the obligation is cleared and the old epoch's outer
// doc, own blobs and seq row go. Until then a crash publishes the seed from the cache on the next
// open, so no edit lives only in rows about to be deleted.
import { wrapKey, type VaultKey, type WorkspaceId, type WorkspaceKey } from '$lib/crypto';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/**
 * Switches the stored workspace to `epoch` with `key` (only forward), storing `sealedCache` (the
 * inner-doc cache sealed by the sync engine) as the cache of the new epoch, covering no blob yet.
 *
 * @example
 *   const switched = await switchWorkspaceEpoch(db, { workspaceId, epoch: 3, key, vaultKey, sealedCache });
 * @throws StoreFullError when the device is out of space; an Error if the workspace is unknown.
 */
export async function switchWorkspaceEpoch(
  db: TrellisDb,
  input: {
    workspaceId: WorkspaceId;
    epoch: number;
    key: WorkspaceKey;
    vaultKey: VaultKey;
    sealedCache: Uint8Array;
  },
): Promise<{ ok: true } | { ok: false; code: 'STALE_EPOCH' }> {
  const { workspaceId, epoch, key, vaultKey, sealedCache } = input;
  const wrappedKey = wrapKey({ key, vaultKey });
  return withStoreErrors(() =>
    db.transaction('rw', [db.workspaces, db.innerCache], async () => {
      const row = await db.workspaces.get(workspaceId);
      if (!row) throw new Error('switchWorkspaceEpoch: no such workspace');
      if (epoch <= row.epoch) return { ok: false, code: 'STALE_EPOCH' };
      await db.workspaces.update(workspaceId, { epoch, wrappedKey, seedPending: true });
      await db.innerCache.put({
        workspaceId,
        epoch,
        sealed: sealedCache,
        contiguous: [],
        confirmed: [],
        ownCovered: 0,
      });
      return { ok: true };
    }),
  );
}

/**
 * Notes that this device has stored its seed snapshot of `epoch`, and deletes the rows of every
 * older epoch in the same transaction.
 *
 * @example
 *   await markSeedPublished(db, { workspaceId, epoch });
 */
export async function markSeedPublished(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number },
): Promise<void> {
  const { workspaceId, epoch } = input;
  await withStoreErrors(() =>
    db.transaction('rw', [db.workspaces, db.outerUpdates, db.ownBlobs, db.seqState], async () => {
      const row = await db.workspaces.get(workspaceId);
      if (row?.epoch !== epoch) return;
      await db.workspaces.update(workspaceId, { seedPending: false });
      if (epoch === 0) return;
      const older = { from: [workspaceId, 0], to: [workspaceId, epoch - 1] };
      for (const table of [db.outerUpdates, db.ownBlobs, db.seqState]) {
        await table.where('[workspaceId+epoch]').between(older.from, older.to, true, true).delete();
      }
    }),
  );
}
