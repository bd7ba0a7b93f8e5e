// `epochBlobCount`, what periodic rotation reads as "how busy the pair was this epoch": every
// device's blobs of the current epoch, seeds left out, counted from the seqs the inner doc holds
// (so a compaction or a reopen does not reset it), and nothing a relay or a stranger injects.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DeviceIdentity } from '$lib/crypto';
import { encodeUpdatePayload } from '$lib/sync';
import { sealBlob } from '$lib/sync/blob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import {
  seededIdentity,
  seededWorkspaceId,
  seededWorkspaceKey,
} from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
afterEach(() => fixture?.dispose());

/** One edit by `device`, sealed and delivered: one blob. */
async function edit(device: TestDevice, value: string): Promise<void> {
  device.engine.innerDoc.getMap('goals').set(`${device.label}-${value}`, value);
  await fixture.settle();
}

describe('epochBlobCount', () => {
  it('counts every device’s blobs of the epoch, through a compaction and a reopen', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'blob-count' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    expect(alice.engine.epochBlobCount()).toBe(0);
    for (const value of ['a', 'b', 'c']) await edit(alice, value);
    await edit(bob, 'd');
    expect(alice.engine.epochBlobCount()).toBe(4);
    expect(bob.engine.epochBlobCount()).toBe(4);

    // A compaction deletes blobs (and adds a snapshot); the seqs, not the log, are counted.
    const compacted = await alice.engine.compact();
    expect(compacted).toMatchObject({ ok: true });
    await fixture.settle();
    expect(alice.engine.room().doc.getArray('log').length).toBeLessThan(4);
    expect(alice.engine.epochBlobCount()).toBe(5);
    await fixture.restart(bob);
    await fixture.settle();
    expect(bob.engine.epochBlobCount()).toBe(5);
  });

  it('starts again after a rollover, leaving out each device’s seed', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'blob-count-roll' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    for (const value of ['a', 'b']) await edit(alice, value);
    const key = await seededWorkspaceKey('blob-count-roll/1');
    for (const device of [alice, bob]) {
      expect(await device.engine.rollEpoch({ epoch: 1, key })).toEqual({ ok: true });
    }
    await fixture.settle();
    // Both seeds are in the new room, and neither counts as activity.
    expect(alice.engine.room().doc.getArray('log').length).toBe(2);
    expect(alice.engine.epochBlobCount()).toBe(0);
    await edit(bob, 'after');
    expect(alice.engine.epochBlobCount()).toBe(1);
  });

  it('counts no forged blob, nor a genuine one held behind a gap', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'blob-count-forged' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    await edit(alice, 'a');
    const workspaceId = await seededWorkspaceId('blob-count-forged');
    const key = await seededWorkspaceKey('blob-count-forged/0');
    const mallory = await seededIdentity('blob-count-mallory');
    const seal = (identity: DeviceIdentity, seq: number) => {
      const doc = new Y.Doc();
      doc.getMap('goals').set('forged', seq);
      const { deviceId } = identity;
      return sealBlob({
        header: { version: 1, kind: 'update', workspaceId, epoch: 0, deviceId, seq },
        payload: encodeUpdatePayload({
          incarnations: [1],
          update: Y.encodeStateAsUpdate(doc),
          heads: { epoch: 0, seqs: new Map([[deviceId, seq]]) },
        }),
        key,
        identity,
      });
    };
    // Bob's next blob, its last byte (the signature's) flipped by the relay.
    const tampered = seal(bob.identity, 1).slice();
    tampered[tampered.length - 1]! ^= 1;
    const injected = [
      tampered,
      // A stranger's blob, sealed under the epoch key it holds.
      seal(mallory, 1),
      // Bob's own, signed by him, but 499 seqs ahead: held until the gap closes, never counted.
      seal(bob.identity, 500),
    ];
    const doc = alice.engine.room().doc;
    doc.transact(() => doc.getArray('log').push(injected), 'relay');
    await fixture.settle();
    // All three arrived and were judged: two refused, one held behind a gap.
    expect(alice.engine.status.get()).toMatchObject({
      quarantined: 2,
      gaps: [{ deviceId: bob.identity.deviceId, fromSeq: 1, toSeq: 499 }],
    });
    expect(alice.engine.epochBlobCount()).toBe(1);
  });
});
