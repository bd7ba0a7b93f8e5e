// Where a cold open's time goes. This replays, step by step and timed, what the engine's open
// does (src/lib/sync/engine/loadEngineState.ts, then scanStoredLog.ts): read and unwrap the
// workspace row, bump the incarnation, read and decrypt the inner-doc cache, apply it, read and
// apply the stored outer doc, read own blobs and the quarantine, then walk the log (headers for
// every entry; snapshots are opened again, signature and decryption, to learn what they cover).
// It calls the same functions, so a change in the engine shows here only if it changes them.
import * as Y from 'yjs';
import { parseWorkspaceId, readyCrypto } from '$lib/crypto';
import {
  listQuarantined,
  loadInnerCache,
  loadOrCreateVaultKey,
  loadOuterUpdates,
  loadOwnBlobs,
  loadWorkspace,
  nextIncarnation,
  openTrellisDb,
} from '$lib/store';
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

  const loaded = await time('loadWorkspace (read row, unwrap keys)', () =>
    loadWorkspace(db, { workspaceId, vaultKey }),
  );
  if (!loaded.ok) throw new Error(`profile: ${loaded.code}`);
  const record = loaded.workspace;
  await time('nextIncarnation (a write transaction)', () => nextIncarnation(db, workspaceId));
  const row = await time('loadInnerCache (read)', () => loadInnerCache(db, workspaceId));
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
  const outerUpdates = await time('loadOuterUpdates (read)', () => loadOuterUpdates(db, scope));
  sizes.outerRows = outerUpdates.length;
  sizes.outerBytes = outerUpdates.reduce((sum, update) => sum + update.byteLength, 0);
  const outerDoc = new Y.Doc();
  await time('Y.applyUpdate (stored outer doc)', () => {
    for (const update of outerUpdates) Y.applyUpdate(outerDoc, update);
  });
  const own = await time('loadOwnBlobs (read)', () => loadOwnBlobs(db, scope));
  sizes.ownBlobs = own.length;
  await time('listQuarantined (read)', () => listQuarantined(db, workspaceId));
  const entries = getOuterLog(outerDoc).toArray();
  sizes.logEntries = entries.length;
  await time('readBlobHeader (every log entry)', () =>
    entries.map((entry) => readBlobHeader(entry)),
  );
  const snapshots = entries.filter((entry): entry is Uint8Array => {
    const read = readBlobHeader(entry);
    return read.ok && read.header.kind === 'snapshot' && entry instanceof Uint8Array;
  });
  sizes.snapshotBytes = snapshots.reduce((sum, blob) => sum + blob.byteLength, 0);
  await time('openBlob (snapshots again: verify and decrypt)', () => {
    for (const blob of snapshots) {
      openBlob({
        blob,
        workspaceId,
        keyForEpoch: (epoch) => (epoch === record.epoch ? record.key : undefined),
        isKnownDevice: (deviceId) => record.devices.includes(deviceId),
      });
    }
  });
  // After the open, not part of it: the first checkpoint encodes and seals the whole state.
  await time('after open: encodeStateAsUpdate + sealInnerCache', () =>
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
