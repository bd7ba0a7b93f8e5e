// The rest of an open, read once the inner doc is ready: the stored outer doc and this device's
// blobs not yet covered by a snapshot. They are most of the bytes an open reads (the outer doc
// holds every blob, the own blobs may hold a snapshot), so the engine reads them after
// reporting the workspace ready, in one read-only transaction.
import type { WorkspaceId } from '$lib/crypto';
import { loadOuterUpdates } from './outerUpdateStore';
import { loadOwnBlobs, type OwnBlob } from './ownBlobStore';
import type { TrellisDb } from './trellisDb';

/** What `loadStoredLog` read. */
export interface StoredLog {
  /** The stored outer-doc updates of the epoch (rows that do not parse are left out). */
  outerUpdates: Uint8Array[];
  /** Rows left out as damaged (see `loadOuterUpdates`). */
  damagedRows: number;
  /** This device's stored blobs of the epoch, in seq order. */
  ownBlobs: OwnBlob[];
}

/**
 * Reads a workspace epoch's stored outer doc and own blobs in one transaction.
 *
 * @example
 *   const stored = await loadStoredLog(db, { workspaceId, epoch });
 *   for (const update of stored.outerUpdates) Y.applyUpdate(outer, update);
 */
export async function loadStoredLog(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number },
): Promise<StoredLog> {
  return db.transaction('r', [db.outerUpdates, db.ownBlobs], async () => {
    const [outer, ownBlobs] = await Promise.all([
      loadOuterUpdates(db, input),
      loadOwnBlobs(db, input),
    ]);
    return { outerUpdates: outer.updates, damagedRows: outer.damagedRows, ownBlobs };
  });
}
