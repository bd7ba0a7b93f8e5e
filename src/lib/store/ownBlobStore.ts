// Every blob this device publishes is stored here before it reaches the outer doc, together
// with its seq, in one transaction: the seq is persisted before anyone can see it (so a crash
// never reuses a seq), and the blob can be published again if the relay deletes it without a
// snapshot covering it. Rows go once a verified snapshot covers them.
import type { WorkspaceId } from '$lib/crypto';
import { isRowRecord, readBytes, readCount } from './rowFields';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/** One of this device's published blobs. */
export interface OwnBlob {
  seq: number;
  blob: Uint8Array;
}

/**
 * Allocates the next seq of this device in the workspace epoch, seals the blob for it with
 * `seal` (synchronous, inside the transaction) and stores both. Reading the seq from the store,
 * not from memory, keeps two tabs of one device from ever publishing the same seq.
 *
 * @example
 *   const { seq, blob } = await storeOwnBlob(db, {
 *     workspaceId, epoch, seal: (seq) => sealBlob({ header: { ...header, seq }, payload, key, identity }),
 *   });
 * @throws StoreFullError when the device is out of space; nothing is stored then.
 */
export async function storeOwnBlob<B extends Uint8Array>(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number; seal: (seq: number) => B },
): Promise<{ seq: number; blob: B }> {
  const { workspaceId, epoch, seal } = input;
  return withStoreErrors(() =>
    db.transaction('rw', db.seqState, db.ownBlobs, async () => {
      const row: unknown = await db.seqState.get([workspaceId, epoch]);
      const seq = ((isRowRecord(row) ? readCount(row.published) : undefined) ?? 0) + 1;
      const blob = seal(seq);
      await db.seqState.put({ workspaceId, epoch, published: seq });
      await db.ownBlobs.put({ workspaceId, epoch, seq, blob });
      return { seq, blob };
    }),
  );
}

/**
 * This device's stored blobs of a workspace epoch, in seq order.
 *
 * @example
 *   const mine = await loadOwnBlobs(db, { workspaceId, epoch });
 */
export async function loadOwnBlobs(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number },
): Promise<OwnBlob[]> {
  const rows: unknown[] = await db.ownBlobs
    .where('[workspaceId+epoch]')
    .equals([input.workspaceId, input.epoch])
    .toArray();
  const blobs: OwnBlob[] = [];
  for (const row of rows) {
    if (!isRowRecord(row)) continue;
    const seq = readCount(row.seq);
    const blob = readBytes(row.blob);
    if (seq !== undefined && blob) blobs.push({ seq, blob });
  }
  return blobs.sort((a, b) => a.seq - b.seq);
}

/**
 * Forgets this device's blobs with seq ≤ `upTo`: a verified snapshot covers them.
 *
 * @example
 *   await pruneOwnBlobs(db, { workspaceId, epoch, upTo: manifest.get(me.deviceId) ?? 0 });
 */
export async function pruneOwnBlobs(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number; upTo: number },
): Promise<void> {
  const { workspaceId, epoch, upTo } = input;
  if (upTo < 1) return;
  // Deleting frees space, so it is not wrapped in withStoreErrors: a failure is a real error.
  await db.ownBlobs
    .where('[workspaceId+epoch+seq]')
    .between([workspaceId, epoch, 0], [workspaceId, epoch, upTo], true, true)
    .delete();
}
