import { describe, expect, it } from 'vitest';
import {
  generateDeviceIdentity,
  generateVaultKey,
  generateWorkspaceId,
  generateWorkspaceKey,
  type WorkspaceKey,
} from '$lib/crypto';
import {
  addWorkspaceDevice,
  createWorkspace,
  listWorkspaceIds,
  loadOwnBlobs,
  loadPublishedSeq,
  loadWorkspace,
  markSeedPublished,
  nextIncarnation,
  pruneOwnBlobs,
  saveSyncCheckpoint,
  storeOwnBlob,
  switchWorkspaceEpoch,
} from '$lib/store';
import { freshStore } from './storeFixture';

async function withWorkspace() {
  const store = await freshStore();
  const workspaceId = generateWorkspaceId();
  const key = generateWorkspaceKey();
  const me = generateDeviceIdentity().deviceId;
  await createWorkspace(store.db, {
    workspaceId,
    epoch: 0,
    key,
    devices: [me, me],
    vaultKey: store.vaultKey,
  });
  return { ...store, workspaceId, key, me };
}

describe('workspaces', () => {
  it('store the key wrapped and load it unwrapped', async () => {
    const { db, vaultKey, workspaceId, key, me } = await withWorkspace();
    const loaded = await loadWorkspace(db, { workspaceId, vaultKey });
    expect(loaded).toMatchObject({
      ok: true,
      workspace: { workspaceId, epoch: 0, key, devices: [me], incarnation: 0, seedPending: false },
    });
    const row = (await db.workspaces.get(workspaceId))!;
    expect(row.wrappedKey).not.toEqual(key);
    expect(await listWorkspaceIds(db)).toEqual([workspaceId]);
    expect(await loadWorkspace(db, { workspaceId, vaultKey: generateVaultKey() })).toEqual({
      ok: false,
      code: 'UNWRAP_FAILED',
    });
    expect(await loadWorkspace(db, { workspaceId: generateWorkspaceId(), vaultKey })).toEqual({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('are created once', async () => {
    const { db, vaultKey, workspaceId, key } = await withWorkspace();
    expect(
      await createWorkspace(db, { workspaceId, epoch: 0, key, devices: [], vaultKey }),
    ).toEqual({
      ok: false,
      code: 'ALREADY_EXISTS',
    });
  });

  it('count incarnations durably, one per open', async () => {
    const { db, connect, workspaceId } = await withWorkspace();
    expect(await nextIncarnation(db, workspaceId)).toBe(1);
    expect(await nextIncarnation(db, workspaceId)).toBe(2);
    db.close();
    expect(await nextIncarnation(connect(), workspaceId)).toBe(3);
  });

  it('learn new member devices', async () => {
    const { db, vaultKey, workspaceId, me } = await withWorkspace();
    const partner = generateDeviceIdentity().deviceId;
    await addWorkspaceDevice(db, { workspaceId, deviceId: partner });
    await addWorkspaceDevice(db, { workspaceId, deviceId: partner });
    const loaded = await loadWorkspace(db, { workspaceId, vaultKey });
    expect(loaded.ok && loaded.workspace.devices).toEqual([me, partner]);
  });

  it('reject a corrupt row', async () => {
    const { db, vaultKey, workspaceId } = await withWorkspace();
    await db.workspaces.update(workspaceId, { epoch: -1 });
    expect(await loadWorkspace(db, { workspaceId, vaultKey })).toEqual({
      ok: false,
      code: 'CORRUPT_ROW',
    });
  });
});

describe('epoch switches', () => {
  it('only go forward, store the cache and the owed seed, and drop the old rows once it is stored', async () => {
    const { db, vaultKey, workspaceId } = await withWorkspace();
    await storeOwnBlob(db, { workspaceId, epoch: 0, seal: () => new Uint8Array([1]) });
    await saveSyncCheckpoint(db, { workspaceId, epoch: 0, outerUpdate: new Uint8Array([0, 0]) });
    const next = generateWorkspaceKey() as WorkspaceKey;
    const sealedCache = new Uint8Array([7, 7, 7]);
    const switchTo = (epoch: number) =>
      switchWorkspaceEpoch(db, { workspaceId, epoch, key: next, vaultKey, sealedCache });
    expect(await switchTo(0)).toEqual({ ok: false, code: 'STALE_EPOCH' });
    expect(await switchTo(2)).toEqual({ ok: true });
    const loaded = await loadWorkspace(db, { workspaceId, vaultKey });
    expect(loaded).toMatchObject({
      ok: true,
      workspace: { epoch: 2, key: next, seedPending: true },
    });
    expect(await db.innerCache.get(workspaceId)).toMatchObject({
      epoch: 2,
      sealed: sealedCache,
      contiguous: [],
    });
    // Until the seed is stored the old rows stay.
    expect(await db.ownBlobs.count()).toBe(1);
    await markSeedPublished(db, { workspaceId, epoch: 1 });
    expect(await db.outerUpdates.count()).toBe(1);
    await markSeedPublished(db, { workspaceId, epoch: 2 });
    const after = await loadWorkspace(db, { workspaceId, vaultKey });
    expect(after.ok && after.workspace.seedPending).toBe(false);
    expect(await db.outerUpdates.count()).toBe(0);
    expect(await db.ownBlobs.count()).toBe(0);
    expect(await db.seqState.count()).toBe(0);
    expect(await loadPublishedSeq(db, { workspaceId, epoch: 0 })).toBe(0);
  });
});

describe('own blobs', () => {
  it('get consecutive seqs stored with them, even when allocated concurrently', async () => {
    const { db, workspaceId } = await withWorkspace();
    const scope = { workspaceId, epoch: 0 };
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => storeOwnBlob(db, { ...scope, seal: (seq) => new Uint8Array([seq]) })),
    );
    expect(results.map((result) => result.seq).sort()).toEqual([1, 2, 3, 4]);
    for (const { seq, blob } of results) expect(blob).toEqual(new Uint8Array([seq]));
    expect(await loadPublishedSeq(db, scope)).toBe(4);
    await pruneOwnBlobs(db, { ...scope, upTo: 2 });
    expect((await loadOwnBlobs(db, scope)).map((own) => own.seq)).toEqual([3, 4]);
  });

  it('leave nothing behind when the seal fails', async () => {
    const { db, workspaceId } = await withWorkspace();
    const scope = { workspaceId, epoch: 0 };
    await expect(
      storeOwnBlob(db, {
        ...scope,
        seal: () => {
          throw new Error('no');
        },
      }),
    ).rejects.toThrow('no');
    expect(await loadPublishedSeq(db, scope)).toBe(0);
    expect(await loadOwnBlobs(db, scope)).toEqual([]);
  });
});
