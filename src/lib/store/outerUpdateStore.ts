// The outer doc is kept as a list of Yjs updates (each one sealed blobs and their deletions),
// appended by `saveSyncCheckpoint` and folded into one row once the list grows. Loading applies
// them in any order: Yjs updates commute. Each row carries a check (a 16-byte BLAKE2b of its
// update): a row damaged at rest is skipped whole, rather than applied as Yjs items under
// wrong ids or with wrong content that this device would then serve; what it held comes back
// from the relay (or a sync file), since the sync state vector no longer claims it.
import { hashBytes, type WorkspaceId } from '$lib/crypto';
import { isRowRecord, readBytes } from './rowFields';
import type { TrellisDb } from './trellisDb';

const CHECK_BYTES = 16;

/** The stored outer doc of a workspace epoch. */
export interface StoredOuterUpdates {
  updates: Uint8Array[];
  /** Rows left out: not a row, no update, or an update that fails its check. */
  damagedRows: number;
}

/**
 * A row for `update` (with its check), as `saveSyncCheckpoint` adds it.
 *
 * @example
 *   await db.outerUpdates.add(outerUpdateRow({ workspaceId, epoch, update }));
 */
export function outerUpdateRow(input: {
  workspaceId: WorkspaceId;
  epoch: number;
  update: Uint8Array;
}) {
  return { ...input, check: hashBytes(input.update, CHECK_BYTES) };
}

/**
 * Every stored outer-doc update of a workspace epoch whose row is intact. Rows from before rows
 * carried a check are taken as they are.
 *
 * @example
 *   const { updates } = await loadOuterUpdates(db, { workspaceId, epoch });
 *   for (const update of updates) Y.applyUpdate(outer, update);
 */
export async function loadOuterUpdates(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; epoch: number },
): Promise<StoredOuterUpdates> {
  const rows: unknown[] = await db.outerUpdates
    .where('[workspaceId+epoch]')
    .equals([input.workspaceId, input.epoch])
    .toArray();
  const updates = rows.map(readIntactUpdate).filter((update) => update !== undefined);
  return { updates, damagedRows: rows.length - updates.length };
}

function readIntactUpdate(row: unknown): Uint8Array | undefined {
  if (!isRowRecord(row)) return undefined;
  const update = readBytes(row.update);
  if (!update || row.check === undefined) return update;
  const check = readBytes(row.check);
  if (!check || check.length !== CHECK_BYTES) return undefined;
  const expected = hashBytes(update, CHECK_BYTES);
  return expected.every((byte, index) => byte === check[index]) ? update : undefined;
}
