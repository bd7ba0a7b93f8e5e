// "Your partner has your changes up to …": the number alice sees for bob rises as bob applies
// her blobs and says so in his, and lags while bob is away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceKey } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
let alice: TestDevice;
let bob: TestDevice;

beforeEach(async () => {
  fixture = await createPairFixture(['alice', 'bob'], { name: 'heads-rise' });
  [alice, bob] = fixture.devices as [TestDevice, TestDevice];
});
afterEach(() => fixture.dispose());

const bobAsAliceSees = () =>
  alice.engine.status.get().heads.find((head) => head.deviceId === bob.identity.deviceId);

async function edit(device: TestDevice, key: string): Promise<void> {
  device.engine.innerDoc.getMap('goals').set(key, device.label);
  await fixture.settle();
}

describe('how far a partner has my changes', () => {
  it('rises as the partner applies them, and lags while it is away', async () => {
    expect(alice.engine.status.get().heads).toEqual([]);
    await edit(alice, 'a1');
    await edit(alice, 'a2');
    // Bob has applied both, and says so in his next blob.
    await edit(bob, 'b1');
    expect(bobAsAliceSees()).toMatchObject({ hasMineUpTo: 2, mineNow: 2 });

    fixture.relay.setOnline('bob', false);
    await edit(alice, 'a3');
    await edit(alice, 'a4');
    await edit(alice, 'a5');
    // Alice's own count moves on; what bob had does not.
    expect(bobAsAliceSees()).toMatchObject({ hasMineUpTo: 2, mineNow: 5 });

    fixture.relay.setOnline('bob', true);
    await fixture.settle();
    const before = fixture.clock.now();
    await edit(bob, 'b2');
    expect(bobAsAliceSees()).toMatchObject({ hasMineUpTo: 5, mineNow: 5 });
    expect(bobAsAliceSees()!.at).toBeGreaterThanOrEqual(before);

    // And the other way round: bob sees alice has his two blobs.
    await edit(alice, 'a6');
    expect(
      bob.engine.status.get().heads.find((head) => head.deviceId === alice.identity.deviceId),
    ).toMatchObject({ hasMineUpTo: 2, mineNow: 2 });
    for (const device of [alice, bob]) expect(device.engine.status.get().rollback).toEqual([]);
  });

  it('starts again in a new epoch, where seqs start again', async () => {
    await edit(alice, 'a1');
    await edit(bob, 'b1');
    expect(bobAsAliceSees()).toMatchObject({ hasMineUpTo: 1 });
    const key = await seededWorkspaceKey('heads-rise/1');
    await alice.engine.rollEpoch({ epoch: 1, key });
    await bob.engine.rollEpoch({ epoch: 1, key });
    await fixture.settle();
    // Each seed is seq 1 of the new room; alice's seed says nothing of bob's yet, and so on.
    await edit(bob, 'b2');
    expect(bobAsAliceSees()).toMatchObject({ hasMineUpTo: 1, mineNow: 1 });
    for (const device of [alice, bob]) {
      expect(device.engine.status.get()).toMatchObject({ epoch: 1, rollback: [] });
    }
  });
});
