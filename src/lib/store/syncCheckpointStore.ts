// One transaction for what the sync engine must keep consistent on disk: the outer doc's new
// updates and the inner-doc cache with the seq vector it covers. Written separately, a crash
// between the two could leave a cache claiming blobs the stored outer doc no longer holds, or
// an outer doc whose deletions (after compaction) outran the cache that folded them in.
import type { DeviceId, WorkspaceId } from '$lib/crypto';
import { outerUpdateRow } from './outerUpdateStore';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/** What one checkpoint writes; absent parts are left as they are. */
export interface SyncCheckpoint {
  workspaceId: WorkspaceId;
  epoch: number;
  /** New outer-doc updates since the last checkpoint, merged into one. */
  outerUpdate?: Uint8Array;
  /** The whole outer doc: replaces every stored update of the epoch (keeps the row count low). */
  outerState?: Uint8Array;
  /**
   * The sealed inner-doc cache, the per-device seqs it covers, and how far verified snapshots
   * cover this device's own blobs.
   */
  cache?: {
    sealed: Uint8Array;
    contiguous: ReadonlyMap<DeviceId, number>;
    confirmed?: ReadonlyMap<DeviceId, number>;
    ownCovered?: number;
  };
}

/**
 * Writes a checkpoint atomically: all of it or, on any failure, none of it.
 *
 * @example
 *   await saveSyncCheckpoint(db, { workspaceId, epoch, outerUpdate, cache: { sealed, contiguous } });
 * @throws StoreFullError when the device is out of space (nothing was written).
 */
export async function saveSyncCheckpoint(db: TrellisDb, checkpoint: SyncCheckpoint): Promise<void> {
  const { workspaceId, epoch, outerUpdate, outerState, cache } = checkpoint;
  await withStoreErrors(() =>
    db.transaction('rw', db.outerUpdates, db.innerCache, async () => {
      if (outerState) {
        await db.outerUpdates.where('[workspaceId+epoch]').equals([workspaceId, epoch]).delete();
        await db.outerUpdates.add(outerUpdateRow({ workspaceId, epoch, update: outerState }));
      } else if (outerUpdate) {
        await db.outerUpdates.add(outerUpdateRow({ workspaceId, epoch, update: outerUpdate }));
      }
      if (cache) {
        await db.innerCache.put({
          workspaceId,
          epoch,
          sealed: cache.sealed,
          contiguous: [...cache.contiguous],
          ...(cache.confirmed === undefined ? {} : { confirmed: [...cache.confirmed] }),
          ...(cache.ownCovered === undefined ? {} : { ownCovered: cache.ownCovered }),
        });
      }
    }),
  );
}

/**
 * How many outer-doc update rows a workspace epoch has (the engine folds them past a bound).
 *
 * @example
 *   if ((await countOuterUpdates(db, { workspaceId, epoch })) > 100) foldRows();
 */
export async function countOuterUpdates(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number },
): Promise<number> {
  return db.outerUpdates
    .where('[workspaceId+epoch]')
    .equals([input.workspaceId, input.epoch])
    .count();
}
