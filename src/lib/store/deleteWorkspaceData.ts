// Leaving a pair (removed, a refused invite, or the person's own choice) deletes everything this
// device holds of it in one transaction, so no half of a pair is left behind.
import type { WorkspaceId } from '$lib/crypto';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/**
 * Deletes the workspace row and every row of the workspace's outer doc, own blobs, seqs, cache
 * and quarantine. Close the workspace's engine first.
 *
 * @example
 *   await engine.close();
 *   await deleteWorkspaceData(db, workspaceId);
 */
export async function deleteWorkspaceData(db: TrellisDb, workspaceId: WorkspaceId): Promise<void> {
  await withStoreErrors(() =>
    db.transaction(
      'rw',
      [db.workspaces, db.outerUpdates, db.ownBlobs, db.seqState, db.innerCache, db.quarantine],
      async () => {
        await db.workspaces.delete(workspaceId);
        await db.innerCache.delete(workspaceId);
        await db.quarantine.where('workspaceId').equals(workspaceId).delete();
        await db.outerUpdates.filter((row) => row.workspaceId === workspaceId).delete();
        await db.ownBlobs.filter((row) => row.workspaceId === workspaceId).delete();
        await db.seqState.filter((row) => row.workspaceId === workspaceId).delete();
      },
    ),
  );
}
