import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateWorkspaceId } from '$lib/crypto';
import {
  addQuarantined,
  countQuarantined,
  isQuotaError,
  listQuarantined,
  requestPersistentStorage,
  saveSyncCheckpoint,
  StoreFullError,
  withStoreErrors,
} from '$lib/store';
import { freshStore } from './storeFixture';

afterEach(() => vi.restoreAllMocks());

describe('quota errors', () => {
  it('are recognised in the shapes browsers and Dexie give them', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(
      isQuotaError(new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError'))),
    ).toBe(true);
    expect(isQuotaError({ name: 'AbortError', cause: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });

  it('become a StoreFullError with a message a person can act on; others pass through', async () => {
    const full = withStoreErrors(() =>
      Promise.reject(new DOMException('full', 'QuotaExceededError')),
    );
    await expect(full).rejects.toBeInstanceOf(StoreFullError);
    await expect(full).rejects.toThrow(/out of storage space/);
    await expect(
      withStoreErrors(() => Promise.reject(new TypeError('bug'))),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('abort the whole checkpoint: nothing half-written', async () => {
    const { db } = await freshStore();
    const workspaceId = generateWorkspaceId();
    vi.spyOn(db.innerCache, 'put').mockRejectedValue(
      new DOMException('full', 'QuotaExceededError'),
    );
    await expect(
      saveSyncCheckpoint(db, {
        workspaceId,
        epoch: 0,
        outerUpdate: new Uint8Array([1]),
        cache: { sealed: new Uint8Array([2]), contiguous: new Map() },
      }),
    ).rejects.toBeInstanceOf(StoreFullError);
    expect(await db.outerUpdates.count()).toBe(0);
  });
});

describe('persistent storage', () => {
  it('is asked for, and the answer reported', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({ persist: async () => true })).toBe('granted');
    expect(await requestPersistentStorage({ persist: async () => false })).toBe('denied');
    const persist = vi.fn(async () => true);
    expect(await requestPersistentStorage({ persisted: async () => true, persist })).toBe(
      'granted',
    );
    expect(persist).not.toHaveBeenCalled();
    expect(
      await requestPersistentStorage({ persist: () => Promise.reject(new Error('insecure')) }),
    ).toBe('unsupported');
  });
});

describe('the quarantine', () => {
  it('counts each blob once and lists rows oldest first', async () => {
    const { db } = await freshStore();
    const workspaceId = generateWorkspaceId();
    const row = { workspaceId, code: 'BAD_SIGNATURE', epoch: 0, deviceId: null, seq: 3 };
    await addQuarantined(db, { ...row, blobHash: 'b', at: 20 });
    await addQuarantined(db, { ...row, blobHash: 'a', at: 10 });
    await addQuarantined(db, { ...row, blobHash: 'a', at: 30 });
    expect(await countQuarantined(db, workspaceId)).toBe(2);
    expect((await listQuarantined(db, workspaceId)).map((entry) => entry.blobHash)).toEqual([
      'a',
      'b',
    ]);
  });
});
