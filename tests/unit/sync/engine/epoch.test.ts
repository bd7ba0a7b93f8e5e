import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBlobHeader } from '$lib/sync/blob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceKey } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
afterEach(() => fixture?.dispose());

const kindsOf = (device: TestDevice) =>
  device.engine
    .room()
    .doc.getArray<Uint8Array>('log')
    .toArray()
    .map((blob) => {
      const read = readBlobHeader(blob);
      return read.ok ? `${read.header.kind}@${read.header.epoch}` : 'unreadable';
    });

describe('epoch rollover', () => {
  it('moves both devices to a fresh room seeded with snapshots, carrying late edits over', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'epoch' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    for (let i = 0; i < 4; i += 1) alice.engine.innerDoc.getMap('goals').set(`g${i}`, i);
    await fixture.settle();
    const oldRoom = alice.engine.room().roomId;
    const key = await seededWorkspaceKey('epoch/1');

    expect(await alice.engine.rollEpoch({ epoch: 1, key })).toEqual({ ok: true });
    expect(alice.engine.room().roomId).not.toBe(oldRoom);
    expect(alice.engine.status.get().epoch).toBe(1);
    expect(kindsOf(alice)).toEqual(['snapshot@1']);

    // Bob has not received the new key yet and keeps writing in the old room.
    bob.engine.innerDoc.getMap('goals').set('late', 'written in epoch 0');
    await fixture.settle();
    expect(alice.engine.innerDoc.getMap('goals').has('late')).toBe(false);

    expect(await bob.engine.rollEpoch({ epoch: 1, key })).toEqual({ ok: true });
    await fixture.settle();
    expect(kindsOf(bob)).toEqual(['snapshot@1', 'snapshot@1']);
    expect(alice.engine.innerDoc.getMap('goals').get('late')).toBe('written in epoch 0');
    expect(bob.engine.innerDoc.getMap('goals').toJSON()).toEqual(
      alice.engine.innerDoc.getMap('goals').toJSON(),
    );
    // The old epoch's rows are gone from the store.
    expect(await alice.db.outerUpdates.filter((row) => row.epoch === 0).count()).toBe(0);
    expect(await alice.db.outerUpdates.filter((row) => row.epoch === 1).count()).toBeGreaterThan(0);
    expect(alice.engine.status.get()).toMatchObject({ gaps: [], quarantined: 0 });
  });

  it('refuses an epoch that is not newer', async () => {
    fixture = await createPairFixture(['alice'], { name: 'stale' });
    const [alice] = fixture.devices as [TestDevice];
    const key = await seededWorkspaceKey('stale/1');
    expect(await alice.engine.rollEpoch({ epoch: 1, key })).toEqual({ ok: true });
    expect(await alice.engine.rollEpoch({ epoch: 1, key })).toEqual({
      ok: false,
      code: 'STALE_EPOCH',
    });
    expect(await alice.engine.rollEpoch({ epoch: 0, key })).toEqual({
      ok: false,
      code: 'STALE_EPOCH',
    });
  });

  it('still publishes the seed after a crash that came before it was stored', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'seed' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    alice.engine.innerDoc.getMap('goals').set('g', 'before the rollover');
    await fixture.settle();
    const key = await seededWorkspaceKey('seed/1');
    const full = vi
      .spyOn(alice.db.ownBlobs, 'put')
      .mockRejectedValue(new DOMException('disk full', 'QuotaExceededError'));
    expect(await alice.engine.rollEpoch({ epoch: 1, key })).toEqual({ ok: true });
    expect(alice.engine.status.get().storeError).toMatch(/out of storage space/);
    expect(kindsOf(alice)).toEqual([]);
    full.mockRestore();
    await fixture.restart(alice, 'crash');
    await bob.engine.rollEpoch({ epoch: 1, key });
    await fixture.settle();
    expect(kindsOf(alice)).toContain('snapshot@1');
    expect(bob.engine.innerDoc.getMap('goals').get('g')).toBe('before the rollover');
  });
});
