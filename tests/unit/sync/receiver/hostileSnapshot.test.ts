// A member gone rogue (bob) seals snapshots that speak for other devices: a manifest that
// raises alice's seq, or this device's own, past anything they wrote, and a state that plants an
// item under alice's client id. Each is reported, and no real edit of alice or carol is lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DeviceId, DeviceIdentity } from '$lib/crypto';
import { listQuarantined } from '$lib/store';
import { encodeSnapshotPayload } from '$lib/sync';
import { readBlobHeader, sealBlob } from '$lib/sync/blob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import {
  seededIdentity,
  seededWorkspaceId,
  seededWorkspaceKey,
} from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
let alice: TestDevice;
let carol: TestDevice;
let bob: DeviceIdentity;

beforeEach(async () => {
  // Bob is a member, but no engine runs for him: the test seals his blobs by hand.
  fixture = await createPairFixture(['alice', 'carol'], {
    name: 'hostile-snapshot',
    members: ['alice', 'bob', 'carol'],
  });
  [alice, carol] = fixture.devices as [TestDevice, TestDevice];
  bob = await seededIdentity('bob');
  alice.engine.innerDoc.getMap('goals').set('g1', 'first');
  await fixture.settle();
});
afterEach(() => fixture.dispose());

/** Bob's snapshot blob with `manifest` and `state`. */
async function bobSnapshot(manifest: Map<DeviceId, number>, state: Uint8Array) {
  return sealBlob({
    header: {
      version: 1,
      kind: 'snapshot',
      workspaceId: await seededWorkspaceId('hostile-snapshot'),
      epoch: 0,
      deviceId: bob.deviceId,
      seq: 1,
    },
    payload: encodeSnapshotPayload({
      manifest,
      state,
      heads: { epoch: 0, seqs: new Map([[bob.deviceId, 1]]) },
    }),
    key: await seededWorkspaceKey('hostile-snapshot/0'),
    identity: bob,
  });
}

/** Puts `blob` into `device`'s outer doc the way the relay would. */
function injectAsRelay(device: TestDevice, blob: Uint8Array): void {
  const doc = device.engine.room().doc;
  doc.transact(() => doc.getArray('log').push([blob]), 'relay');
}

async function codesOf(device: TestDevice): Promise<string[]> {
  await device.engine.whenSettled();
  const workspaceId = await seededWorkspaceId('hostile-snapshot');
  return (await listQuarantined(device.db, workspaceId)).map((row) => row.code);
}

const goalsOf = (device: TestDevice) => device.engine.innerDoc.getMap('goals').toJSON();

describe('snapshots that speak for other devices', () => {
  it("applies alice's later edits past a manifest that raised her seq to 2^32−1, and reports it", async () => {
    const state = Y.encodeStateAsUpdate(carol.engine.innerDoc);
    injectAsRelay(
      carol,
      await bobSnapshot(new Map([[alice.identity.deviceId, 0xffff_ffff]]), state),
    );
    await fixture.settle();

    alice.engine.innerDoc.getMap('goals').set('g2', 'second');
    await fixture.settle();
    alice.engine.innerDoc.getMap('goals').set('g3', 'third');
    await fixture.settle();

    expect(goalsOf(carol)).toEqual({ g1: 'first', g2: 'second', g3: 'third' });
    expect(await codesOf(carol)).toEqual(['FALSE_MANIFEST']);
    expect(carol.engine.status.get()).toMatchObject({ quarantined: 1, gaps: [] });
    // The same edits survive a restart: the claim is stored as a claim, not as alice's word.
    await fixture.restart(carol);
    alice.engine.innerDoc.getMap('goals').set('g4', 'fourth');
    await fixture.settle();
    expect(goalsOf(carol)).toMatchObject({ g4: 'fourth' });
  });

  it('keeps republishing its own blob when a manifest claims to cover it but does not hold it', async () => {
    carol.engine.innerDoc.getMap('goals').set('c1', 'carol wrote this');
    await fixture.settle();
    // An empty state that claims every one of carol's blobs.
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    injectAsRelay(
      carol,
      await bobSnapshot(new Map([[carol.identity.deviceId, 0xffff_ffff]]), empty),
    );
    await fixture.settle();

    fixture.relay.setOnline('alice', false);
    const room = fixture.relay.rooms.get(carol.engine.room().roomId)!;
    const log = room.getArray<Uint8Array>('log');
    const index = log.toArray().findIndex((blob) => {
      const read = readBlobHeader(blob);
      return read.ok && read.header.deviceId === carol.identity.deviceId;
    });
    room.transact(() => log.delete(index, 1), 'attacker');
    await fixture.settle();

    expect(carol.engine.counters().republished).toBe(1);
    fixture.relay.setOnline('alice', true);
    await fixture.settle();
    expect(goalsOf(alice)).toMatchObject({ c1: 'carol wrote this' });
  });

  it("quarantines a snapshot that plants an item under alice's client id, and alice's next edit arrives", async () => {
    // Bob writes with alice's client id, one clock past what she wrote, in a copy of the doc.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(carol.engine.innerDoc));
    forged.clientID = alice.engine.innerDoc.clientID;
    forged.getMap('goals').set('g2', 'planted');
    const manifest = new Map([[alice.identity.deviceId, 1]]);
    injectAsRelay(carol, await bobSnapshot(manifest, Y.encodeStateAsUpdate(forged)));
    await fixture.settle();
    expect(await codesOf(carol)).toEqual(['FOREIGN_CLIENT_ID']);
    expect(goalsOf(carol)).toEqual({ g1: 'first' });

    alice.engine.innerDoc.getMap('goals').set('g2', 'real');
    await fixture.settle();
    expect(goalsOf(carol)).toEqual({ g1: 'first', g2: 'real' });
    expect(carol.engine.innerDoc.getMap('goals').toJSON()).toEqual(goalsOf(alice));
  });

  it('still lets a device that never saw the deleted blobs converge from an honest compaction', async () => {
    fixture.relay.setOnline('carol', false);
    alice.engine.innerDoc.getMap('goals').set('g2', 'second');
    await fixture.settle();
    await alice.engine.compact();
    await fixture.settle();
    alice.engine.innerDoc.getMap('goals').set('g3', 'third');
    await fixture.settle();
    fixture.relay.setOnline('carol', true);
    await fixture.settle();
    expect(goalsOf(carol)).toEqual({ g1: 'first', g2: 'second', g3: 'third' });
    expect(carol.engine.status.get()).toMatchObject({ quarantined: 0, gaps: [] });
  });
});
