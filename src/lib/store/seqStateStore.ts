import type { WorkspaceId } from '$lib/crypto';
import { isRowRecord, readCount } from './rowFields';
import type { TrellisDb } from './trellisDb';

/**
 * The highest seq this device has published in a workspace epoch (0 before the first blob).
 * Seqs are allocated by `storeOwnBlob`, which reads and writes this row in one transaction.
 *
 * @example
 *   const published = await loadPublishedSeq(db, { workspaceId, epoch });
 */
export async function loadPublishedSeq(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number },
): Promise<number> {
  const row: unknown = await db.seqState.get([input.workspaceId, input.epoch]);
  return (isRowRecord(row) ? readCount(row.published) : undefined) ?? 0;
}
