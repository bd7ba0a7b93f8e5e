// Quarantined blobs are counted per workspace and kept as public header fields and a reason;
// the bytes stay in the outer doc (never deleted by compaction), so nothing is lost if a
// quarantine turns out to be premature (a device that becomes known later).
import type { WorkspaceId } from '$lib/crypto';
import { isRowRecord, readCount, readString } from './rowFields';
import { withStoreErrors } from './storeFullError';
import type { QuarantineRow, TrellisDb } from './trellisDb';

/**
 * Records a quarantined blob; recording the same blob (same hash) again changes nothing.
 *
 * @example
 *   await addQuarantined(db, { workspaceId, blobHash, code: 'BAD_SIGNATURE', epoch: 0, deviceId, seq: 4, at: clock.now() });
 * @throws StoreFullError when the device is out of space.
 */
export async function addQuarantined(db: TrellisDb, row: QuarantineRow): Promise<void> {
  await withStoreErrors(() =>
    db.transaction('rw', db.quarantine, async () => {
      if (await db.quarantine.get([row.workspaceId, row.blobHash])) return;
      await db.quarantine.add(row);
    }),
  );
}

/**
 * How many distinct blobs of the workspace were quarantined.
 *
 * @example
 *   const count = await countQuarantined(db, workspaceId);
 */
export async function countQuarantined(db: TrellisDb, workspaceId: WorkspaceId): Promise<number> {
  return db.quarantine.where('workspaceId').equals(workspaceId).count();
}

/**
 * The workspace's quarantine rows, oldest first.
 *
 * @example
 *   const rows = await listQuarantined(db, workspaceId);
 */
export async function listQuarantined(
  db: TrellisDb,
  workspaceId: WorkspaceId,
): Promise<QuarantineRow[]> {
  const rows: unknown[] = await db.quarantine.where('workspaceId').equals(workspaceId).toArray();
  return rows
    .map(parseQuarantineRow)
    .filter((row): row is QuarantineRow => row !== undefined)
    .sort((a, b) => a.at - b.at);
}

const readNullable = <T>(value: unknown, read: (value: unknown) => T | undefined) =>
  value === null ? null : read(value);

function parseQuarantineRow(row: unknown): QuarantineRow | undefined {
  if (!isRowRecord(row)) return undefined;
  const parsed = {
    workspaceId: readString(row.workspaceId),
    blobHash: readString(row.blobHash),
    code: readString(row.code),
    epoch: readNullable(row.epoch, readCount),
    deviceId: readNullable(row.deviceId, readString),
    seq: readNullable(row.seq, readCount),
    at: readCount(row.at),
  };
  const complete = Object.values(parsed).every((value) => value !== undefined);
  return complete ? (parsed as QuarantineRow) : undefined;
}

/**
 * Forgets a quarantined blob that has since been accepted (its device became known).
 *
 * @example
 *   await releaseQuarantined(db, { workspaceId, blobHash });
 */
export async function releaseQuarantined(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; blobHash: string },
): Promise<void> {
  await db.quarantine.delete([input.workspaceId, input.blobHash]);
}
