// A workspace row holds what this device needs to take part in a pair: the current epoch and
// its key, the member devices, and two local counters. Keys are wrapped by the vault key and
// unwrapped only into the `WorkspaceRecord` handed to the sync engine.
import {
  generateWorkspaceKey,
  parseWorkspaceId,
  publicKeyOfDevice,
  unwrapKey,
  wrapKey,
  SYMMETRIC_KEY_BYTES,
  type DeviceId,
  type VaultKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { isRowRecord, readArray, readBytes, readCount, readString } from './rowFields';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb, WorkspaceRow } from './trellisDb';

/** A workspace as the sync engine uses it, keys unwrapped. */
export interface WorkspaceRecord {
  workspaceId: WorkspaceId;
  epoch: number;
  /** The key of `epoch`. */
  key: WorkspaceKey;
  /** The local key that encrypts this device's inner-doc cache; never leaves the device. */
  cacheKey: Uint8Array;
  /** Member devices, this one included. */
  devices: DeviceId[];
  /** The last incarnation used on this device (0: never opened). */
  incarnation: number;
  /** This device still owes `epoch` its seed snapshot. */
  seedPending: boolean;
}

/** Why a workspace could not be loaded. */
export type LoadWorkspaceError = 'NOT_FOUND' | 'CORRUPT_ROW' | 'UNWRAP_FAILED';

const readDeviceId = (value: unknown): DeviceId | undefined => {
  const text = readString(value);
  return text !== undefined && publicKeyOfDevice(text) ? (text as DeviceId) : undefined;
};

/**
 * Stores a workspace this device has created or joined, with a fresh local cache key.
 *
 * @example
 *   await createWorkspace(db, { workspaceId, epoch: 0, key, devices: [me.deviceId], vaultKey });
 * @throws StoreFullError when the device is out of space.
 */
export async function createWorkspace(
  db: TrellisDb,
  input: {
    workspaceId: WorkspaceId;
    epoch: number;
    key: WorkspaceKey;
    devices: readonly DeviceId[];
    chainRoot?: string;
    vaultKey: VaultKey;
  },
): Promise<{ ok: true } | { ok: false; code: 'ALREADY_EXISTS' }> {
  const { workspaceId, epoch, key, devices, vaultKey, chainRoot } = input;
  const row: WorkspaceRow = {
    workspaceId,
    epoch,
    wrappedKey: wrapKey({ key, vaultKey }),
    // Any 32 random bytes serve as the cache key; the workspace-key generator draws them.
    wrappedCacheKey: wrapKey({ key: generateWorkspaceKey(), vaultKey }),
    devices: [...new Set(devices)],
    incarnation: 0,
    seedPending: false,
    ...(chainRoot === undefined ? {} : { chainRoot }),
  };
  return withStoreErrors(() =>
    db.transaction('rw', db.workspaces, async () => {
      if (await db.workspaces.get(workspaceId)) return { ok: false, code: 'ALREADY_EXISTS' };
      await db.workspaces.add(row);
      return { ok: true };
    }),
  );
}

/**
 * A stored workspace with its keys unwrapped.
 *
 * @example
 *   const loaded = await loadWorkspace(db, { workspaceId, vaultKey });
 *   if (loaded.ok) console.debug(loaded.workspace.epoch);
 */
export async function loadWorkspace(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; vaultKey: VaultKey },
): Promise<{ ok: true; workspace: WorkspaceRecord } | { ok: false; code: LoadWorkspaceError }> {
  const row: unknown = await db.workspaces.get(input.workspaceId);
  if (row === undefined) return { ok: false, code: 'NOT_FOUND' };
  return parseWorkspaceRow(row, input.vaultKey);
}

/**
 * Parses an untrusted workspace row and unwraps its keys.
 *
 * @example
 *   const parsed = parseWorkspaceRow(await db.workspaces.get(id), vaultKey);
 */
export function parseWorkspaceRow(
  row: unknown,
  vaultKey: VaultKey,
): { ok: true; workspace: WorkspaceRecord } | { ok: false; code: LoadWorkspaceError } {
  if (!isRowRecord(row)) return { ok: false, code: 'CORRUPT_ROW' };
  const workspaceId = parseWorkspaceId(row.workspaceId);
  const epoch = readCount(row.epoch);
  const incarnation = readCount(row.incarnation);
  const devices = readArray(row.devices, readDeviceId);
  const wrappedKey = readBytes(row.wrappedKey);
  const wrappedCacheKey = readBytes(row.wrappedCacheKey);
  if (
    !workspaceId ||
    epoch === undefined ||
    incarnation === undefined ||
    !devices ||
    !wrappedKey ||
    !wrappedCacheKey ||
    typeof row.seedPending !== 'boolean'
  ) {
    return { ok: false, code: 'CORRUPT_ROW' };
  }
  const key = unwrapKey({ wrapped: wrappedKey, vaultKey });
  const cacheKey = unwrapKey({ wrapped: wrappedCacheKey, vaultKey });
  if (!key.ok || !cacheKey.ok) return { ok: false, code: 'UNWRAP_FAILED' };
  if (key.key.length !== SYMMETRIC_KEY_BYTES || cacheKey.key.length !== SYMMETRIC_KEY_BYTES) {
    return { ok: false, code: 'CORRUPT_ROW' };
  }
  return {
    ok: true,
    workspace: {
      workspaceId,
      epoch,
      key: key.key as WorkspaceKey,
      cacheKey: cacheKey.key,
      devices,
      incarnation,
      seedPending: row.seedPending,
    },
  };
}

/**
 * The ids of every stored workspace.
 *
 * @example
 *   const ids = await listWorkspaceIds(db);
 */
export async function listWorkspaceIds(db: TrellisDb): Promise<WorkspaceId[]> {
  const keys: unknown[] = await db.workspaces.toCollection().primaryKeys();
  return keys.map(parseWorkspaceId).filter((id): id is WorkspaceId => id !== undefined);
}

/**
 * Counts one more open of the workspace on this device and returns the new incarnation. It is
 * persisted before the caller derives a Yjs client id from it, so a crash can never lead to
 * the same client id being used twice.
 *
 * @example
 *   innerDoc.clientID = deriveClientId(me.deviceId, await nextIncarnation(db, workspaceId));
 * @throws StoreFullError when the device is out of space; an Error if the workspace is unknown.
 */
export async function nextIncarnation(db: TrellisDb, workspaceId: WorkspaceId): Promise<number> {
  return withStoreErrors(() =>
    db.transaction('rw', db.workspaces, async () => {
      const row = await db.workspaces.get(workspaceId);
      const current = readCount(row?.incarnation);
      if (!row || current === undefined) throw new Error('nextIncarnation: no such workspace');
      const incarnation = current + 1;
      await db.workspaces.update(workspaceId, { incarnation });
      return incarnation;
    }),
  );
}

/**
 * Adds a member device whose blobs this device will accept.
 *
 * @example
 *   await addWorkspaceDevice(db, { workspaceId, deviceId: partnerDevice });
 * @throws StoreFullError when the device is out of space.
 */
export async function addWorkspaceDevice(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; deviceId: DeviceId },
): Promise<void> {
  await withStoreErrors(() =>
    db.transaction('rw', db.workspaces, async () => {
      const row = await db.workspaces.get(input.workspaceId);
      if (!row || row.devices.includes(input.deviceId)) return;
      await db.workspaces.update(input.workspaceId, {
        devices: [...row.devices, input.deviceId],
      });
    }),
  );
}
