// Everything an open reads from IndexedDB, in one place: the workspace and its keys, a fresh
// incarnation (stored before it names a client id), the inner-doc cache, the stored outer doc,
// this device's unconfirmed blobs and the quarantine.
import * as Y from 'yjs';
import { deriveClientId, type DeviceIdentity, type VaultKey, type WorkspaceId } from '$lib/crypto';
import {
  listQuarantined,
  loadInnerCache,
  loadOuterUpdates,
  loadOwnBlobs,
  loadWorkspace,
  nextIncarnation,
  type LoadWorkspaceError,
  type TrellisDb,
  type WorkspaceRecord,
} from '$lib/store';
import type { SealBatch } from '../envelope/sealQueue';
import { CACHE_ORIGIN, STORE_ORIGIN } from '../envelope/syncOrigins';
import { openInnerCache } from '../persistence/innerCache';
import { createEpochRoom } from './createEpochRoom';
import type { EpochRoom } from './engineContext';

/** What `loadEngineState` read. */
export interface LoadedEngineState {
  record: WorkspaceRecord;
  incarnation: number;
  innerDoc: Y.Doc;
  room: EpochRoom;
  unpublished: SealBatch | undefined;
  quarantined: Set<string>;
}

/**
 * Reads a workspace's state from the store and rebuilds its docs.
 *
 * @example
 *   const loaded = await loadEngineState({ db, identity, vaultKey, workspaceId });
 */
export async function loadEngineState(input: {
  db: TrellisDb;
  identity: DeviceIdentity;
  vaultKey: VaultKey;
  workspaceId: WorkspaceId;
}): Promise<{ ok: true; state: LoadedEngineState } | { ok: false; code: LoadWorkspaceError }> {
  const { db, identity, vaultKey, workspaceId } = input;
  const loaded = await loadWorkspace(db, { workspaceId, vaultKey });
  if (!loaded.ok) return loaded;
  const record = loaded.workspace;
  const incarnation = await nextIncarnation(db, workspaceId);
  const innerDoc = new Y.Doc();
  innerDoc.clientID = deriveClientId(identity.deviceId, incarnation);

  const cacheRow = await loadInnerCache(db, workspaceId);
  const cache = cacheRow
    ? openInnerCache({ cacheKey: record.cacheKey, workspaceId, sealed: cacheRow.sealed })
    : undefined;
  if (cache?.ok) Y.applyUpdate(innerDoc, cache.content.state, CACHE_ORIGIN);
  // The seq vector describes the cached inner doc only if both are of the current epoch.
  const sameEpoch = cache?.ok === true && cacheRow?.epoch === record.epoch;
  const room = createEpochRoom({
    epoch: record.epoch,
    key: record.key,
    contiguous: sameEpoch && cacheRow ? cacheRow.contiguous : new Map(),
  });
  const scope = { workspaceId, epoch: record.epoch };
  const outerUpdates = await loadOuterUpdates(db, scope);
  for (const update of outerUpdates) {
    try {
      Y.applyUpdate(room.outerDoc, update, STORE_ORIGIN);
    } catch {
      // A damaged row: skip it; the relay (or a sync file) has the blobs too.
    }
  }
  room.storedOuterRows = outerUpdates.length;
  for (const own of await loadOwnBlobs(db, scope)) room.ownBlobs.set(own.seq, own.blob);
  const quarantined = new Set((await listQuarantined(db, workspaceId)).map((row) => row.blobHash));
  return {
    ok: true,
    state: {
      record,
      incarnation,
      innerDoc,
      room,
      unpublished: cache?.ok ? cache.content.unpublished : undefined,
      quarantined,
    },
  };
}
