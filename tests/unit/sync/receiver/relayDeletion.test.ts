// Yjs deletions are not signed: the relay can delete any blob from the outer doc. A device
// whose own blob vanished without a snapshot covering it publishes it again; a device that
// only sees a later blob of the victim reports the gap until then.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBlobHeader } from '$lib/sync/blob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
let alice: TestDevice;
let bob: TestDevice;

beforeEach(async () => {
  fixture = await createPairFixture(['alice', 'bob'], { name: 'deletion' });
  [alice, bob] = fixture.devices as [TestDevice, TestDevice];
});
afterEach(() => fixture.dispose());

/** The relay deletes, in its copy of the room, the blob of `device` with `seq`. */
function relayDeletes(device: TestDevice, seq: number): void {
  const room = fixture.relay.rooms.get(device.engine.room().roomId)!;
  const log = room.getArray<Uint8Array>('log');
  const index = log.toArray().findIndex((blob) => {
    const read = readBlobHeader(blob);
    return read.ok && read.header.deviceId === device.identity.deviceId && read.header.seq === seq;
  });
  expect(index).toBeGreaterThanOrEqual(0);
  room.transact(() => log.delete(index, 1), 'attacker');
}

describe('a relay that deletes blobs', () => {
  it('makes the author publish its blob again, so a device that was away still gets it', async () => {
    fixture.relay.setOnline('bob', false);
    alice.engine.innerDoc.getMap('goals').set('g1', 'first');
    await fixture.settle();
    relayDeletes(alice, 1);
    await fixture.settle();
    expect(alice.engine.counters().republished).toBe(1);
    fixture.relay.setOnline('bob', true);
    await fixture.settle();
    expect(bob.engine.innerDoc.getMap('goals').get('g1')).toBe('first');
    expect(bob.engine.status.get().gaps).toEqual([]);
  });

  it('shows the gap while the author is away, and closes it when the author republishes', async () => {
    fixture.relay.setOnline('bob', false);
    alice.engine.innerDoc.getMap('goals').set('g1', 'first');
    await alice.engine.flush();
    alice.engine.innerDoc.getMap('goals').set('g2', 'second');
    await alice.engine.flush();
    fixture.relay.setOnline('alice', false);
    relayDeletes(alice, 1);
    fixture.relay.setOnline('bob', true);
    await fixture.settle();
    expect(bob.engine.status.get().gaps).toEqual([
      { deviceId: alice.identity.deviceId, fromSeq: 1, toSeq: 1 },
    ]);
    expect(bob.engine.innerDoc.getMap('goals').toJSON()).toEqual({});
    fixture.relay.setOnline('alice', true);
    await fixture.settle();
    expect(bob.engine.status.get().gaps).toEqual([]);
    expect(bob.engine.innerDoc.getMap('goals').toJSON()).toEqual({ g1: 'first', g2: 'second' });
  });
});
