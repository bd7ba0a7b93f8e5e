// The two reads of an open: `beginWorkspaceOpen` (what is needed before the inner doc is
// ready, with the new incarnation) and `loadStoredLog` (the rest, read after it).
import { describe, expect, it, vi } from 'vitest';
import {
  generateDeviceIdentity,
  generateVaultKey,
  generateWorkspaceId,
  generateWorkspaceKey,
} from '$lib/crypto';
import {
  addQuarantined,
  beginWorkspaceOpen,
  createWorkspace,
  loadStoredLog,
  loadWorkspace,
  saveSyncCheckpoint,
  storeOwnBlob,
} from '$lib/store';
import { freshStore } from './storeFixture';

async function withWorkspace() {
  const store = await freshStore('open-reads');
  const workspaceId = generateWorkspaceId();
  const me = generateDeviceIdentity().deviceId;
  await createWorkspace(store.db, {
    workspaceId,
    epoch: 0,
    key: generateWorkspaceKey(),
    devices: [me],
    vaultKey: store.vaultKey,
  });
  return { ...store, workspaceId, me };
}

describe('beginWorkspaceOpen', () => {
  it('stores a new incarnation and returns it with the cache and the quarantine', async () => {
    const { db, vaultKey, workspaceId, me } = await withWorkspace();
    const first = await beginWorkspaceOpen(db, { workspaceId, vaultKey });
    expect(first).toMatchObject({
      ok: true,
      workspace: { workspaceId, incarnation: 1 },
      cache: undefined,
      quarantined: [],
    });
    await saveSyncCheckpoint(db, {
      workspaceId,
      epoch: 0,
      cache: { sealed: new Uint8Array([9, 9]), contiguous: new Map([[me, 4]]), ownCovered: 3 },
    });
    await addQuarantined(db, {
      workspaceId,
      blobHash: 'h1',
      code: 'BAD_SIGNATURE',
      epoch: 0,
      deviceId: null,
      seq: 2,
      at: 5,
    });
    const second = await beginWorkspaceOpen(db, { workspaceId, vaultKey });
    expect(second).toMatchObject({
      ok: true,
      workspace: { incarnation: 2 },
      cache: { epoch: 0, sealed: new Uint8Array([9, 9]), contiguous: new Map([[me, 4]]) },
      quarantined: [{ blobHash: 'h1', code: 'BAD_SIGNATURE', seq: 2 }],
    });
    expect(second.ok && second.cache?.ownCovered).toBe(3);
    // Stored, not only returned: the next reader sees the incarnation this open used.
    expect(await loadWorkspace(db, { workspaceId, vaultKey })).toMatchObject({
      ok: true,
      workspace: { incarnation: 2 },
    });
  });

  it('writes nothing when the workspace is missing or its key does not unwrap', async () => {
    const { db, vaultKey, workspaceId } = await withWorkspace();
    expect(await beginWorkspaceOpen(db, { workspaceId: generateWorkspaceId(), vaultKey })).toEqual({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await beginWorkspaceOpen(db, { workspaceId, vaultKey: generateVaultKey() })).toEqual({
      ok: false,
      code: 'UNWRAP_FAILED',
    });
    expect((await db.workspaces.get(workspaceId))?.incarnation).toBe(0);
  });

  it('reads a cache row written before `ownCovered` existed, and ignores a damaged one', async () => {
    const { db, vaultKey, workspaceId, me } = await withWorkspace();
    await db.innerCache.put({ workspaceId, epoch: 0, sealed: new Uint8Array([1]), contiguous: [] });
    const older = await beginWorkspaceOpen(db, { workspaceId, vaultKey });
    expect(older.ok && older.cache).toMatchObject({ epoch: 0, ownCovered: undefined });
    await db.innerCache.put({
      workspaceId,
      epoch: 0,
      sealed: new Uint8Array([1]),
      contiguous: [[me, 1]],
      ownCovered: -1,
    });
    const damaged = await beginWorkspaceOpen(db, { workspaceId, vaultKey });
    expect(damaged.ok && damaged.cache).toMatchObject({ ownCovered: undefined });
  });

  it('turns a full disk into StoreFullError, with the incarnation unchanged', async () => {
    const { db, vaultKey, workspaceId } = await withWorkspace();
    const full = vi
      .spyOn(db.workspaces, 'put')
      .mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    await expect(beginWorkspaceOpen(db, { workspaceId, vaultKey })).rejects.toMatchObject({
      name: 'StoreFullError',
    });
    full.mockRestore();
    expect((await db.workspaces.get(workspaceId))?.incarnation).toBe(0);
  });
});

describe('loadStoredLog', () => {
  it('reads the epoch’s outer-doc rows and own blobs, and nothing of another epoch', async () => {
    const { db, workspaceId } = await withWorkspace();
    await saveSyncCheckpoint(db, { workspaceId, epoch: 0, outerUpdate: new Uint8Array([1]) });
    await saveSyncCheckpoint(db, { workspaceId, epoch: 0, outerUpdate: new Uint8Array([2]) });
    await saveSyncCheckpoint(db, { workspaceId, epoch: 1, outerUpdate: new Uint8Array([3]) });
    await storeOwnBlob(db, { workspaceId, epoch: 0, seal: (seq) => new Uint8Array([seq, 7]) });
    await storeOwnBlob(db, { workspaceId, epoch: 0, seal: (seq) => new Uint8Array([seq, 8]) });
    await storeOwnBlob(db, { workspaceId, epoch: 1, seal: (seq) => new Uint8Array([seq, 9]) });
    const stored = await loadStoredLog(db, { workspaceId, epoch: 0 });
    expect(stored.outerUpdates).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
    expect(stored.ownBlobs).toEqual([
      { seq: 1, blob: new Uint8Array([1, 7]) },
      { seq: 2, blob: new Uint8Array([2, 8]) },
    ]);
    expect(await loadStoredLog(db, { workspaceId: generateWorkspaceId(), epoch: 0 })).toEqual({
      outerUpdates: [],
      damagedRows: 0,
      ownBlobs: [],
    });
  });

  it('leaves out a row whose update fails its check, and takes a row from before checks', async () => {
    const { db, workspaceId } = await withWorkspace();
    await saveSyncCheckpoint(db, { workspaceId, epoch: 0, outerUpdate: new Uint8Array([1, 2]) });
    await saveSyncCheckpoint(db, { workspaceId, epoch: 0, outerUpdate: new Uint8Array([3, 4]) });
    const [first, second] = await db.outerUpdates.toArray();
    await db.outerUpdates.update(first!.id, { update: new Uint8Array([1, 3]) });
    const { check: _check, ...withoutCheck } = second!;
    await db.outerUpdates.put(withoutCheck);
    const stored = await loadStoredLog(db, { workspaceId, epoch: 0 });
    expect(stored).toMatchObject({ outerUpdates: [new Uint8Array([3, 4])], damagedRows: 1 });
  });
});
