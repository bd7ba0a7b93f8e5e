// Where a cold open's time goes. This replays, step by step and timed, what the engine's open
// does, in its two halves:
//  - until the inner doc is ready (src/lib/sync/engine/loadEngineState.ts), which is what the
//    benchmark's figure times: one store transaction (workspace row and keys, the new
//    incarnation, the inner-doc cache, the quarantine), decrypting the cache, applying it;
//  - after it, in the background (src/lib/sync/engine/loadStoredRoom.ts and scanStoredLog.ts):
//    one read of the stored outer doc and own blobs, applying the outer doc, walking the log
//    (headers for every entry; snapshots are opened again, signature and decryption, only when
//    the cache row does not record how far they cover this device's blobs).
// It calls the same functions, so a change in the engine shows here only if it changes them.
import * as Y from 'yjs';
import { parseWorkspaceId, readyCrypto } from '$lib/crypto';
import { beginWorkspaceOpen, loadOrCreateVaultKey, loadStoredLog, openTrellisDb } from '$lib/store';
import { getOuterLog } from '$lib/sync';
import { openBlob, readBlobHeader } from '$lib/sync/blob';
import { openInnerCache, sealInnerCache } from '$lib/sync/persistence/innerCache';
import type { ProfileResult } from './protocol';

/**
 * Times each step of an open of `workspaceId`.
 *
 * @example
 *   const { steps } = await profileOpen({ workspaceId });
 */
export async function profileOpen(input: { workspaceId: string }): Promise<ProfileResult> {
  await readyCrypto();
  const workspaceId = parseWorkspaceId(input.workspaceId);
  if (!workspaceId) throw new Error('profile: not a workspace id');
  const db = openTrellisDb();
  const vaultKey = await loadOrCreateVaultKey(db);
  const steps: Record<string, number> = {};
  const sizes: Record<string, number> = {};
  const time = async <T>(name: string, step: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await step();
    steps[name] = performance.now() - start;
    return result;
  };

  const opening = await time(
    'beginWorkspaceOpen (one transaction: row and keys, incarnation, cache, quarantine)',
    () => beginWorkspaceOpen(db, { workspaceId, vaultKey }),
  );
  if (!opening.ok) throw new Error(`profile: ${opening.code}`);
  const record = opening.workspace;
  const row = opening.cache;
  if (!row) throw new Error('profile: no inner-doc cache');
  sizes.cacheSealedBytes = row.sealed.byteLength;
  const cache = await time('openInnerCache (decrypt)', () =>
    openInnerCache({ cacheKey: record.cacheKey, workspaceId, sealed: row.sealed }),
  );
  if (!cache.ok) throw new Error('profile: the cache did not open');
  const innerDoc = new Y.Doc();
  await time('Y.applyUpdate (cache state into the inner doc)', () =>
    Y.applyUpdate(innerDoc, cache.content.state),
  );
  sizes.cacheStateBytes = cache.content.state.byteLength;

  const scope = { workspaceId, epoch: record.epoch };
  const stored = await time('after ready: loadStoredLog (outer doc and own blobs, one read)', () =>
    loadStoredLog(db, scope),
  );
  const { outerUpdates } = stored;
  sizes.outerRows = outerUpdates.length;
  sizes.outerBytes = outerUpdates.reduce((sum, update) => sum + update.byteLength, 0);
  sizes.ownBlobs = stored.ownBlobs.length;
  const outerDoc = new Y.Doc();
  await time('after ready: Y.applyUpdate (stored outer doc)', () => {
    for (const update of outerUpdates) Y.applyUpdate(outerDoc, update);
  });
  const entries = getOuterLog(outerDoc).toArray();
  sizes.logEntries = entries.length;
  await time('after ready: readBlobHeader (every log entry)', () =>
    entries.map((entry) => readBlobHeader(entry)),
  );
  const snapshots = entries.filter((entry): entry is Uint8Array => {
    const read = readBlobHeader(entry);
    return read.ok && read.header.kind === 'snapshot' && entry instanceof Uint8Array;
  });
  sizes.snapshotBytes = snapshots.reduce((sum, blob) => sum + blob.byteLength, 0);
  // The engine skips this when the cache row records the own coverage (every row it writes now).
  const reopened = row.ownCovered === undefined ? snapshots : [];
  sizes.snapshotsReopened = reopened.length;
  await time('after ready: openBlob (snapshots, only for a cache row without ownCovered)', () => {
    for (const blob of reopened) {
      openBlob({
        blob,
        workspaceId,
        keyForEpoch: (epoch) => (epoch === record.epoch ? record.key : undefined),
        isKnownDevice: (deviceId) => record.devices.includes(deviceId),
      });
    }
  });
  // Not part of an open any more (a cache that covers the doc is not written again at open):
  // what every later checkpoint pays when the inner doc changed.
  await time('each checkpoint after an edit: encodeStateAsUpdate + sealInnerCache', () =>
    sealInnerCache({
      cacheKey: record.cacheKey,
      workspaceId,
      content: { state: Y.encodeStateAsUpdate(innerDoc), unpublished: undefined },
    }),
  );
  innerDoc.destroy();
  outerDoc.destroy();
  db.close();
  return { steps, sizes };
}
