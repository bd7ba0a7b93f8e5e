import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '$lib/sync';
import { InMemoryRelay } from '../../../support/harness/inMemoryRelay';
import { seededWorkspaceId, seededWorkspaceKey } from '../../../support/harness/seededIdentity';
import {
  createTestDevice,
  identitiesOf,
  type TestDevice,
} from '../../../support/harness/testDevice';

let devices: TestDevice[] = [];
let relay: InMemoryRelay;

afterEach(async () => {
  relay?.detachAll();
  await Promise.all(devices.map((device) => device.dispose()));
  devices = [];
});

async function pair() {
  const clock = createManualClock();
  const workspace = {
    workspaceId: await seededWorkspaceId('two'),
    key: await seededWorkspaceKey('two/0'),
    clock,
  };
  const members = (await identitiesOf(['alice', 'bob'])).map((identity) => identity.deviceId);
  const alice = await createTestDevice({ label: 'alice', workspace, devices: members });
  const bob = await createTestDevice({ label: 'bob', workspace, devices: members });
  devices = [alice, bob];
  relay = new InMemoryRelay({ autoDeliver: true });
  relay.attach('alice', alice.engine);
  relay.attach('bob', bob.engine);
  const settle = async () => {
    for (let round = 0; round < 5; round += 1) {
      clock.advance(5_000);
      await Promise.all(devices.map((device) => device.engine.whenSettled()));
    }
  };
  return { alice, bob, clock, settle };
}

describe('two devices through the in-memory relay', () => {
  it('carries an edit from one inner doc to the other', async () => {
    const { alice, bob, settle } = await pair();
    alice.engine.innerDoc.getMap('goals').set('g1', 'Write the agreement');
    await settle();
    expect(bob.engine.innerDoc.getMap('goals').toJSON()).toEqual({ g1: 'Write the agreement' });
    expect(bob.engine.status.get()).toMatchObject({ quarantined: 0, gaps: [], duplicates: 0 });
  });

  it('batches keystrokes into one blob after the idle window', async () => {
    const { alice, clock, settle } = await pair();
    const text = alice.engine.innerDoc.getText('notes');
    for (const char of 'hello') {
      text.insert(text.length, char);
      clock.advance(100);
    }
    expect(alice.engine.room().doc.getArray('log').length).toBe(0);
    expect(alice.engine.status.get().waiting).toBe(5);
    await settle();
    expect(alice.engine.room().doc.getArray('log').length).toBe(1);
  });
});
