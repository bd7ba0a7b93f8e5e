// The outer doc is kept as a list of Yjs updates (each one sealed blobs and their deletions),
// appended by `saveSyncCheckpoint` and folded into one row once the list grows. Loading applies
// them in any order: Yjs updates commute.
import type { WorkspaceId } from '$lib/crypto';
import { isRowRecord, readBytes } from './rowFields';
import type { TrellisDb } from './trellisDb';

/**
 * Every stored outer-doc update of a workspace epoch. A row that does not parse is skipped: it
 * holds nothing a Y.Doc could apply.
 *
 * @example
 *   for (const update of await loadOuterUpdates(db, { workspaceId, epoch })) Y.applyUpdate(outer, update);
 */
export async function loadOuterUpdates(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number },
): Promise<Uint8Array[]> {
  const rows: unknown[] = await db.outerUpdates
    .where('[workspaceId+epoch]')
    .equals([input.workspaceId, input.epoch])
    .toArray();
  return rows
    .map((row) => (isRowRecord(row) ? readBytes(row.update) : undefined))
    .filter((update): update is Uint8Array => update !== undefined);
}
