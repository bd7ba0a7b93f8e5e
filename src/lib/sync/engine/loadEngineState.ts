// The first half of an open: what must be read before the inner doc is ready. One store
// transaction brings the workspace and its keys, a fresh incarnation (stored before it names a
// client id), the inner-doc cache and the quarantine; the cache is decrypted into the inner doc.
// The stored outer doc and own blobs (most of the bytes) are the second half, `loadStoredRoom`,
// which an open with a usable cache runs after it has reported the workspace ready.
import * as Y from 'yjs';
import {
  deriveClientId,
  type DeviceId,
  type DeviceIdentity,
  type VaultKey,
  type WorkspaceId,
} from '$lib/crypto';
import {
  beginWorkspaceOpen,
  type LoadWorkspaceError,
  type TrellisDb,
  type WorkspaceRecord,
} from '$lib/store';
import type { SealBatch } from '../envelope/sealQueue';
import { isDamageCode } from '../heal/damagedCopy';
import { CACHE_ORIGIN } from '../envelope/syncOrigins';
import { openInnerCache } from '../persistence/innerCache';
import { createEpochRoom } from './createEpochRoom';
import type { EpochRoom } from './engineContext';

/** What `loadEngineState` read. */
export interface LoadedEngineState {
  /** The workspace; `incarnation` is this open's, already stored. */
  record: WorkspaceRecord;
  innerDoc: Y.Doc;
  room: EpochRoom;
  unpublished: SealBatch | undefined;
  quarantined: Set<string>;
  /** Quarantined as `UNKNOWN_DEVICE`: blob hash → its device (see `recheckDeviceBlobs`). */
  unknownDeviceBlobs: Map<string, DeviceId>;
  /** Of those, the ones recorded with a code that may be transit damage (see heal/). */
  damageRecords: Set<string>;
  /**
   * The cache opened and is of the current epoch: the inner doc is complete as far as its seq
   * vector says, so the stored log may be loaded after the open reports ready.
   */
  cacheCovers: boolean;
  /** The cache recorded how far snapshots cover own blobs: stored snapshots need no reopening. */
  ownCoverageKnown: boolean;
  /** Bytes of the cached inner state (0 without a cache). */
  innerStateBytes: number;
}

/**
 * Reads a workspace's keys and cache from the store and rebuilds its inner doc.
 *
 * @example
 *   const loaded = await loadEngineState({ db, identity, vaultKey, workspaceId });
 * @throws StoreFullError when the new incarnation cannot be stored.
 */
export async function loadEngineState(input: {
  db: TrellisDb;
  identity: DeviceIdentity;
  vaultKey: VaultKey;
  workspaceId: WorkspaceId;
}): Promise<{ ok: true; state: LoadedEngineState } | { ok: false; code: LoadWorkspaceError }> {
  const { db, identity, vaultKey, workspaceId } = input;
  const opening = await beginWorkspaceOpen(db, { workspaceId, vaultKey });
  if (!opening.ok) return opening;
  const record = opening.workspace;
  const innerDoc = new Y.Doc();
  innerDoc.clientID = deriveClientId(identity.deviceId, record.incarnation);

  const cacheRow = opening.cache;
  const cache = cacheRow
    ? openInnerCache({ cacheKey: record.cacheKey, workspaceId, sealed: cacheRow.sealed })
    : undefined;
  if (cache?.ok) Y.applyUpdate(innerDoc, cache.content.state, CACHE_ORIGIN);
  // The seq vector describes the cached inner doc only if both are of the current epoch.
  const covering = cache?.ok === true && cacheRow?.epoch === record.epoch ? cacheRow : undefined;
  const room = createEpochRoom({
    epoch: record.epoch,
    key: record.key,
    contiguous: covering?.contiguous ?? new Map(),
    ...(covering?.confirmed === undefined ? {} : { confirmed: covering.confirmed }),
    ...(covering?.ownCovered === undefined ? {} : { ownCovered: covering.ownCovered }),
  });
  return {
    ok: true,
    state: {
      record,
      innerDoc,
      room,
      unpublished: cache?.ok ? cache.content.unpublished : undefined,
      quarantined: new Set(opening.quarantined.map((row) => row.blobHash)),
      unknownDeviceBlobs: new Map(
        opening.quarantined.flatMap((row) =>
          row.code === 'UNKNOWN_DEVICE' && row.deviceId
            ? [[row.blobHash, row.deviceId as DeviceId] as const]
            : [],
        ),
      ),
      damageRecords: new Set(
        opening.quarantined.filter((row) => isDamageCode(row.code)).map((row) => row.blobHash),
      ),
      cacheCovers: covering !== undefined,
      ownCoverageKnown: covering?.ownCovered !== undefined,
      innerStateBytes: cache?.ok ? cache.content.state.byteLength : 0,
    },
  };
}
