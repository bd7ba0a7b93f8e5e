// A full disk: IndexedDB refuses writes with a QuotaExceededError. The engine says so in its
// status, keeps everything in memory, retries, and loses nothing once space is back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
afterEach(() => {
  vi.restoreAllMocks();
  return fixture?.dispose();
});

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('a full device', () => {
  it('keeps unsealed edits when their blob cannot be stored, and sends them once it can', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'full-publish' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    const full = vi.spyOn(alice.db.ownBlobs, 'put').mockRejectedValue(quotaError());
    alice.engine.innerDoc.getMap('goals').set('g1', 'written on a full disk');
    await fixture.settle();
    expect(alice.engine.status.get().storeError).toMatch(/out of storage space/);
    expect(alice.engine.status.get().waiting).toBeGreaterThan(0);
    expect(alice.engine.counters().published).toBe(0);
    expect(bob.engine.innerDoc.getMap('goals').size).toBe(0);

    full.mockRestore();
    await fixture.settle();
    expect(alice.engine.counters().published).toBe(1);
    expect(alice.engine.status.get().storeError).toBeNull();
    expect(bob.engine.innerDoc.getMap('goals').get('g1')).toBe('written on a full disk');
  });

  it('keeps received blobs in memory when the checkpoint fails, and stores them later', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'full-checkpoint' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    const full = vi.spyOn(bob.db.outerUpdates, 'add').mockRejectedValue(quotaError());
    alice.engine.innerDoc.getMap('goals').set('g1', 'arrives while bob is full');
    await fixture.settle();
    expect(bob.engine.innerDoc.getMap('goals').get('g1')).toBe('arrives while bob is full');
    expect(bob.engine.status.get().storeError).toMatch(/out of storage space/);
    expect(await bob.db.outerUpdates.count()).toBe(0);

    full.mockRestore();
    await fixture.settle();
    expect(bob.engine.status.get().storeError).toBeNull();
    expect(await bob.db.outerUpdates.count()).toBeGreaterThan(0);
    fixture.relay.setOnline('bob', false);
    await fixture.restart(bob);
    expect(bob.engine.innerDoc.getMap('goals').get('g1')).toBe('arrives while bob is full');
  });
});
