import { afterEach, describe, expect, it } from 'vitest';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
afterEach(() => fixture?.dispose());

const content = (device: TestDevice) => ({
  goals: device.engine.innerDoc.getMap('goals').toJSON(),
  notes: device.engine.innerDoc.getArray('notes').toJSON(),
});

async function withHistory() {
  fixture = await createPairFixture(['alice', 'bob'], { name: 'restart' });
  const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
  for (let i = 0; i < 3; i += 1) {
    alice.engine.innerDoc.getMap('goals').set(`a${i}`, `goal ${i}`);
    bob.engine.innerDoc.getArray('notes').push([`note ${i}`]);
    await fixture.settle();
  }
  return { alice, bob };
}

describe('restart from the store', () => {
  it('reopens with nothing lost and nothing applied twice, without re-verifying', async () => {
    const { alice, bob } = await withHistory();
    const before = content(bob);
    const clientBefore = bob.engine.innerDoc.clientID;
    await fixture.restart(bob);
    await fixture.settle();
    expect(content(bob)).toEqual(before);
    expect(bob.engine.innerDoc.getArray('notes').length).toBe(3);
    // Every stored blob was covered by the encrypted cache: none was opened or applied again.
    expect(bob.engine.counters()).toMatchObject({ opened: 0, applied: 0, quarantined: 0 });
    expect(bob.engine.status.get()).toMatchObject({ gaps: [], quarantined: 0, duplicates: 0 });
    // A new incarnation: a new client id, which the partner accepts as bob's.
    expect(bob.engine.innerDoc.clientID).not.toBe(clientBefore);
    bob.engine.innerDoc.getArray('notes').push(['after restart']);
    await fixture.settle();
    expect(alice.engine.innerDoc.getArray('notes').toJSON()).toContain('after restart');
    expect(alice.engine.status.get().quarantined).toBe(0);
  });

  it('rebuilds the inner doc from the stored outer doc when the cache is gone', async () => {
    const { bob } = await withHistory();
    const before = content(bob);
    await bob.engine.close();
    await bob.db.innerCache.clear();
    await fixture.restart(bob, 'crash');
    expect(content(bob)).toEqual(before);
    expect(bob.engine.counters().applied).toBeGreaterThan(0);
    expect(bob.engine.counters().quarantined).toBe(0);
  });

  it('keeps an edit made just before a crash, and still sends it', async () => {
    const { alice, bob } = await withHistory();
    const waiting = bob.engine.status.get().waiting;
    bob.engine.innerDoc.getMap('goals').set('late', 'typed just before the crash');
    // The checkpoint stores the edit (still unsealed) in the encrypted cache; no timer ran.
    await bob.engine.whenSettled();
    expect(bob.engine.status.get().waiting).toBe(waiting + 1);
    expect(bob.engine.counters().published).toBe(3);
    await fixture.restart(bob, 'crash');
    expect(bob.engine.innerDoc.getMap('goals').get('late')).toBe('typed just before the crash');
    await fixture.settle();
    expect(alice.engine.innerDoc.getMap('goals').get('late')).toBe('typed just before the crash');
  });

  it('republishes its own blobs that the stored outer doc lost', async () => {
    const { alice, bob } = await withHistory();
    fixture.relay.setOnline('bob', false);
    bob.engine.innerDoc.getMap('goals').set('offline', 'written offline');
    await fixture.settle();
    // The outer-doc rows are lost (say, a failed write), the own-blob rows are not.
    await bob.db.outerUpdates.clear();
    await bob.db.innerCache.clear();
    await fixture.restart(bob, 'crash');
    expect(bob.engine.counters().republished).toBe(4);
    expect(bob.engine.innerDoc.getMap('goals').get('offline')).toBe('written offline');
    fixture.relay.setOnline('bob', true);
    await fixture.settle();
    expect(alice.engine.innerDoc.getMap('goals').get('offline')).toBe('written offline');
    // Alice had bob's first three blobs: the republished copies are dropped, not applied again.
    expect(alice.engine.innerDoc.getArray('notes').length).toBe(3);
    expect(alice.engine.status.get()).toMatchObject({ gaps: [], quarantined: 0 });
  });
});
