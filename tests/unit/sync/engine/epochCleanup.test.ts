// What a device keeps of an epoch it has left: nothing of its key (not the wrapped form in
// IndexedDB, not the bytes in the engine's memory) and none of its rows, once the new epoch's
// seed is stored; and a crash between the switch and the seed still loses no edit.
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceKey } from '$lib/crypto';
import type { OwnBlobRow, TrellisDb } from '$lib/store';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceKey } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';
import { holdsBytes } from '../../store/vaultFixture';

let fixture: PairFixture;
afterEach(() => fixture?.dispose());

async function rowsHolding(db: TrellisDb, needle: Uint8Array): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (const table of db.tables) rows.push(...(await table.toArray()));
  return rows.filter((row) => holdsBytes(row, needle));
}

async function rowsOfEpoch(db: TrellisDb, epoch: number): Promise<number> {
  const counts = await Promise.all(
    [db.outerUpdates, db.ownBlobs, db.seqState].map((table) =>
      table.filter((row) => row.epoch === epoch).count(),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

// A full disk, as Dexie's own promise type (what `put` is typed to answer).
const quotaError = () => Dexie.Promise.reject(new DOMException('disk full', 'QuotaExceededError'));

describe('superseded epoch keys', () => {
  it('are gone after a rotation: no wrapped key, no key bytes, no rows of the old epoch', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'keys-gone' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    for (let i = 0; i < 3; i += 1) {
      alice.engine.innerDoc.getMap('goals').set(`a${i}`, i);
      bob.engine.innerDoc.getMap('goals').set(`b${i}`, i);
      await fixture.settle();
    }
    const before = await Promise.all(
      [alice, bob].map(async (device) => {
        const row = await device.db.workspaces.toCollection().first();
        return {
          device,
          held: device.engine.key(),
          bytes: device.engine.key().slice(),
          wrapped: row!.wrappedKey.slice(),
        };
      }),
    );
    for (const { device, bytes, wrapped } of before) {
      expect(await rowsHolding(device.db, wrapped)).toHaveLength(1);
      expect(await rowsOfEpoch(device.db, 0)).toBeGreaterThan(0);
      expect(bytes.some((byte) => byte !== 0)).toBe(true);
    }

    const key = await seededWorkspaceKey('keys-gone/1');
    const keyBytes = key.slice();
    for (const device of [alice, bob]) {
      expect(await device.engine.rollEpoch({ epoch: 1, key })).toEqual({ ok: true });
    }
    await fixture.settle();

    for (const { device, held, bytes, wrapped } of before) {
      expect(await rowsHolding(device.db, bytes)).toEqual([]);
      expect(await rowsHolding(device.db, wrapped)).toEqual([]);
      expect(await rowsOfEpoch(device.db, 0)).toBe(0);
      expect(await rowsOfEpoch(device.db, 1)).toBeGreaterThan(0);
      // The array the engine held the old key in is zeroed; the new key is the engine's own copy.
      expect(held.every((byte) => byte === 0)).toBe(true);
      expect(device.engine.key()).toEqual(keyBytes);
      expect(device.engine.key()).not.toBe(key);
    }
    // The caller's array is left alone (both devices were handed the same one).
    expect(key).toEqual(keyBytes);
    expect(bob.engine.innerDoc.getMap('goals').toJSON()).toEqual(
      alice.engine.innerDoc.getMap('goals').toJSON(),
    );
  });

  it('would be found by the scan if a row still held one (control)', async () => {
    fixture = await createPairFixture(['alice'], { name: 'keys-planted' });
    const [alice] = fixture.devices as [TestDevice];
    const oldKey = alice.engine.key().slice() as WorkspaceKey;
    const row = await alice.db.workspaces.toCollection().first();
    const wrapped = row!.wrappedKey.slice();
    await alice.engine.rollEpoch({ epoch: 1, key: await seededWorkspaceKey('keys-planted/1') });
    await fixture.settle();
    expect(await rowsHolding(alice.db, oldKey)).toEqual([]);
    expect(await rowsHolding(alice.db, wrapped)).toEqual([]);

    // Planted inside other bytes, the way a leftover would hide in a row.
    await alice.db.profile.put({ id: 'me', sealed: new Uint8Array([9, ...oldKey, 9]) });
    await alice.db.workspaces.update(row!.workspaceId, {
      sealedTrust: new Uint8Array([1, ...wrapped, 1]),
    });
    expect(await rowsHolding(alice.db, oldKey)).toHaveLength(1);
    expect(await rowsHolding(alice.db, wrapped)).toHaveLength(1);
  });

  it('leave no edit behind when the device crashes between the switch and its seed', async () => {
    fixture = await createPairFixture(['alice'], { name: 'keys-crash' });
    const [alice] = fixture.devices as [TestDevice];
    alice.engine.innerDoc.getMap('goals').set('early', 'cached');
    await fixture.settle();
    // From here no cache of epoch 0 can be stored (a full disk), and the seed of epoch 1 cannot
    // be stored either: the edit below is durable only in epoch 0's own-blob rows until the
    // switch, and the seed never comes before the crash.
    const cachePut = alice.db.innerCache.put.bind(alice.db.innerCache);
    const ownPut = alice.db.ownBlobs.put.bind(alice.db.ownBlobs);
    const cacheSpy = vi
      .spyOn(alice.db.innerCache, 'put')
      .mockImplementation((row, key) => (row.epoch === 0 ? quotaError() : cachePut(row, key)));
    const ownSpy = vi
      .spyOn(alice.db.ownBlobs, 'put')
      .mockImplementation((row: OwnBlobRow, key) =>
        row.epoch === 1 ? quotaError() : ownPut(row, key),
      );
    alice.engine.innerDoc.getMap('goals').set('late', 'published in epoch 0 only');
    expect(
      await alice.engine.rollEpoch({ epoch: 1, key: await seededWorkspaceKey('keys-crash/1') }),
    ).toEqual({ ok: true });
    expect(ownSpy.mock.calls.map(([row]) => row.epoch)).toEqual([0, 1]);
    expect(alice.engine.status.get().storeError).toMatch(/out of storage space/);
    cacheSpy.mockRestore();
    ownSpy.mockRestore();

    await fixture.restart(alice, 'crash');
    expect(alice.engine.innerDoc.getMap('goals').toJSON()).toEqual({
      early: 'cached',
      late: 'published in epoch 0 only',
    });
    await fixture.settle();
    const seed = await alice.db.ownBlobs.filter((row) => row.epoch === 1).count();
    expect(seed).toBeGreaterThan(0);
    expect(await rowsOfEpoch(alice.db, 0)).toBe(0);
  });
});
