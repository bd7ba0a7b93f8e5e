// The inner-doc cache makes a cold open fast: the sync engine decrypts one row instead of
// verifying and decrypting every blob again. The row is ciphertext plus the seq vector it
// covers; both are written together by `saveSyncCheckpoint`.
import { publicKeyOfDevice, type DeviceId, type WorkspaceId } from '$lib/crypto';
import { isRowRecord, readArray, readBytes, readCount, readString } from './rowFields';
import type { TrellisDb } from './trellisDb';

/** A parsed cache row. */
export interface InnerCache {
  epoch: number;
  sealed: Uint8Array;
  contiguous: Map<DeviceId, number>;
  /** How far each device vouched for `contiguous` itself; undefined in older rows. */
  confirmed: Map<DeviceId, number> | undefined;
  /** How far verified snapshots cover this device's own blobs; undefined in older rows. */
  ownCovered: number | undefined;
}

const readEntry = (value: unknown): [DeviceId, number] | undefined => {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const deviceId = readString(value[0]);
  const seq = readCount(value[1]);
  if (deviceId === undefined || seq === undefined || !publicKeyOfDevice(deviceId)) return undefined;
  return [deviceId as DeviceId, seq];
};

/**
 * The workspace's cache row, or `undefined` if there is none or it does not parse (the engine
 * then rebuilds the inner doc from the outer doc, which is slower but loses nothing).
 *
 * @example
 *   const cache = await loadInnerCache(db, workspaceId);
 */
export async function loadInnerCache(
  db: TrellisDb,
  workspaceId: WorkspaceId,
): Promise<InnerCache | undefined> {
  const row: unknown = await db.innerCache.get(workspaceId);
  if (!isRowRecord(row)) return undefined;
  const epoch = readCount(row.epoch);
  const sealed = readBytes(row.sealed);
  const contiguous = readArray(row.contiguous, readEntry);
  if (epoch === undefined || !sealed || !contiguous) return undefined;
  // Only a hint: without it (older rows, or a damaged value) the engine opens the snapshots.
  const ownCovered = readCount(row.ownCovered);
  const confirmed = readArray(row.confirmed, readEntry);
  return {
    epoch,
    sealed,
    contiguous: new Map(contiguous),
    confirmed: confirmed ? new Map(confirmed) : undefined,
    ownCovered,
  };
}
