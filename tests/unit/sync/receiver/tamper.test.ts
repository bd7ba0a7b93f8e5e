// What a hostile relay, or a member device gone rogue, can put into the outer doc, and what each
// device does with it: every blob is rejected with its own code, quarantined (or, for a replay,
// dropped and counted), and the inner doc is left exactly as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveClientId, type DeviceIdentity, type WorkspaceKey } from '$lib/crypto';
import { listQuarantined } from '$lib/store';
import { encodeUpdatePayload, type SyncedWorkspace } from '$lib/sync';
import { sealBlob, type BlobHeader } from '$lib/sync/blob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import {
  seededIdentity,
  seededWorkspaceId,
  seededWorkspaceKey,
} from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
let alice: TestDevice;
let bob: TestDevice;
let carol: TestDevice;
let key: WorkspaceKey;
let mallory: DeviceIdentity;

beforeEach(async () => {
  fixture = await createPairFixture(['alice', 'bob', 'carol'], { name: 'tamper' });
  [alice, bob, carol] = fixture.devices as [TestDevice, TestDevice, TestDevice];
  key = await seededWorkspaceKey('tamper/0');
  mallory = await seededIdentity('mallory');
  alice.engine.innerDoc.getMap('goals').set('g1', 'kept');
  await fixture.settle();
});
afterEach(() => fixture.dispose());

/** Writes `blobs` into a device's outer doc the way the relay would. */
function injectAsRelay(device: TestDevice, blobs: Uint8Array[]): void {
  const doc = device.engine.room().doc;
  doc.transact(() => doc.getArray('log').push(blobs), 'relay');
}

const snapshotOf = (engine: SyncedWorkspace) => ({
  state: Y.encodeStateVector(engine.innerDoc),
  goals: engine.innerDoc.getMap('goals').toJSON(),
});

async function codesOf(device: TestDevice): Promise<string[]> {
  await device.engine.whenSettled();
  const workspaceId = await seededWorkspaceId('tamper');
  return (await listQuarantined(device.db, workspaceId)).map((row) => row.code);
}

/** A sealed update with the given content and header fields. */
async function forge(input: {
  identity: DeviceIdentity;
  seq: number;
  clientId?: number;
  incarnations?: number[];
  header?: Partial<BlobHeader>;
  key?: WorkspaceKey;
  payload?: Uint8Array;
}): Promise<Uint8Array> {
  const doc = new Y.Doc();
  doc.clientID = input.clientId ?? deriveClientId(input.identity.deviceId, 1);
  doc.getMap('goals').set('g1', 'overwritten');
  const header = {
    version: 1 as const,
    kind: 'update' as const,
    workspaceId: await seededWorkspaceId('tamper'),
    epoch: 0,
    deviceId: input.identity.deviceId,
    seq: input.seq,
    ...input.header,
  };
  const payload =
    input.payload ??
    encodeUpdatePayload({
      incarnations: input.incarnations ?? [1],
      update: Y.encodeStateAsUpdate(doc),
      heads: { epoch: header.epoch, seqs: new Map([[header.deviceId, header.seq]]) },
    });
  return sealBlob({
    header,
    payload,
    key: input.key ?? key,
    identity: input.identity,
  });
}

describe('tampered and misplaced blobs', () => {
  it('drops a replayed blob as a duplicate', async () => {
    const before = snapshotOf(bob.engine);
    const original = alice.engine.room().doc.getArray<Uint8Array>('log').get(0);
    injectAsRelay(bob, [original, original]);
    await fixture.settle();
    expect(bob.engine.counters().duplicates).toBe(2);
    expect(bob.engine.status.get()).toMatchObject({ duplicates: 2, quarantined: 0 });
    expect(snapshotOf(bob.engine)).toEqual(before);
  });

  it('holds a reordered blob behind the gap, reports it, and applies both once the gap closes', async () => {
    fixture.relay.setOnline('bob', false);
    alice.engine.innerDoc.getMap('goals').set('g2', 'second');
    await alice.engine.flush();
    alice.engine.innerDoc.getMap('goals').set('g3', 'third');
    await alice.engine.flush();
    const log = alice.engine.room().doc.getArray<Uint8Array>('log');
    const [second, third] = [log.get(1), log.get(2)];
    const before = snapshotOf(bob.engine);

    injectAsRelay(bob, [third]);
    await bob.engine.whenSettled();
    expect(bob.engine.status.get().gaps).toEqual([
      { deviceId: alice.identity.deviceId, fromSeq: 2, toSeq: 2 },
    ]);
    expect(snapshotOf(bob.engine)).toEqual(before);

    injectAsRelay(bob, [second]);
    await bob.engine.whenSettled();
    expect(bob.engine.status.get().gaps).toEqual([]);
    expect(bob.engine.innerDoc.getMap('goals').toJSON()).toEqual({
      g1: 'kept',
      g2: 'second',
      g3: 'third',
    });
    expect(bob.engine.counters()).toMatchObject({ held: 1, quarantined: 0 });
  });

  it('quarantines a blob signed by a device that is not a member', async () => {
    const before = snapshotOf(bob.engine);
    injectAsRelay(bob, [await forge({ identity: mallory, seq: 1 })]);
    await fixture.settle();
    expect(await codesOf(bob)).toEqual(['UNKNOWN_DEVICE']);
    expect(bob.engine.status.get().quarantined).toBe(1);
    expect(snapshotOf(bob.engine)).toEqual(before);
  });

  it("quarantines a member's update written with another device's Yjs client id", async () => {
    const before = snapshotOf(carol.engine);
    const bobIdentity = await seededIdentity('bob');
    // Bob (gone rogue) writes as alice's first incarnation, and claims it as his own.
    const forged = await forge({
      identity: bobIdentity,
      seq: 1,
      clientId: deriveClientId(alice.identity.deviceId, 1),
      incarnations: [1],
    });
    injectAsRelay(carol, [forged]);
    await fixture.settle();
    expect(await codesOf(carol)).toEqual(['FOREIGN_CLIENT_ID']);
    expect(snapshotOf(carol.engine)).toEqual(before);
    // The seq is used up: bob's next blob is not held behind it.
    expect(carol.engine.status.get().gaps).toEqual([]);
  });

  it('rejects a flipped bit, another workspace, another epoch and garbage, each with its code', async () => {
    const before = snapshotOf(bob.engine);
    const genuine = alice.engine.room().doc.getArray<Uint8Array>('log').get(0);
    const flipped = genuine.slice();
    flipped[100] = flipped[100]! ^ 1;
    const otherWorkspace = await forge({
      identity: alice.identity,
      seq: 9,
      header: { workspaceId: await seededWorkspaceId('elsewhere') },
    });
    const oldEpoch = await forge({ identity: alice.identity, seq: 9, header: { epoch: 7 } });
    const wrongKey = await forge({
      identity: alice.identity,
      seq: 9,
      key: await seededWorkspaceKey('other'),
    });
    const notAnUpdate = await forge({
      identity: alice.identity,
      seq: 2,
      payload: new Uint8Array([1, 2, 3]),
    });
    const badVersion = genuine.slice();
    badVersion[0] = 2;
    const truncated = genuine.slice(0, 200);
    injectAsRelay(bob, [flipped, otherWorkspace, oldEpoch, wrongKey, truncated, badVersion]);
    injectAsRelay(bob, [notAnUpdate]);
    await fixture.settle();
    expect((await codesOf(bob)).sort()).toEqual(
      [
        'BAD_SIGNATURE',
        'WRONG_WORKSPACE',
        'WRONG_EPOCH',
        'DECRYPT_FAILED',
        'MALFORMED',
        'BAD_VERSION',
        'BAD_UPDATE',
      ].sort(),
    );
    expect(snapshotOf(bob.engine).goals).toEqual(before.goals);
    expect(bob.engine.status.get().quarantined).toBe(7);
  });

  it('never deletes a blob quarantined for its content, once a restart meets it again as a used-up seq', async () => {
    const bobIdentity = await seededIdentity('bob');
    const forged = await forge({
      identity: bobIdentity,
      seq: 1,
      clientId: deriveClientId(alice.identity.deviceId, 1),
    });
    injectAsRelay(carol, [forged]);
    await fixture.settle();
    expect(await codesOf(carol)).toEqual(['FOREIGN_CLIENT_ID']);
    // The reopened device reads the blob again: its seq is used up, but it is still not verified.
    await fixture.restart(carol);
    await carol.engine.compact();
    await fixture.settle();
    expect(carol.engine.room().doc.getArray('log').toArray()).toContainEqual(forged);
    expect(carol.engine.status.get().quarantined).toBe(1);
  });

  it('never deletes a quarantined blob when compacting, and counts it once across restarts', async () => {
    injectAsRelay(bob, [await forge({ identity: mallory, seq: 1 })]);
    await fixture.settle();
    await bob.engine.compact();
    await fixture.settle();
    expect(bob.engine.room().doc.getArray('log').length).toBe(2);
    await fixture.restart(bob);
    expect(bob.engine.status.get().quarantined).toBe(1);
  });
});
