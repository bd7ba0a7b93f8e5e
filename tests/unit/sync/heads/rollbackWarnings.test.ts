// Head vectors under attack. Bob is a member with no engine: the test seals his blobs by hand,
// as a hostile member (or a relay replaying an old state of his) could. Each sign of a rollback
// is reported once, on the device that reads it, and the blobs are still applied (they are
// authentic; only what they say about their sender's past is suspect). Honest devices, through
// edits, compactions and restarts, never warn.
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveClientId, type DeviceId, type DeviceIdentity } from '$lib/crypto';
import { listQuarantined } from '$lib/store';
import { encodeUpdatePayload } from '$lib/sync';
import { sealBlob } from '$lib/sync/blob';
import type { HeadVector } from '$lib/sync/heads/headVector';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import {
  seededIdentity,
  seededWorkspaceId,
  seededWorkspaceKey,
} from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';

const NAME = 'rollback-warnings';
let fixture: PairFixture;
let alice: TestDevice;
let carol: TestDevice;
let bob: DeviceIdentity;
let bobDoc: Y.Doc;

beforeEach(async () => {
  fixture = await createPairFixture(['alice', 'carol'], {
    name: NAME,
    members: ['alice', 'bob', 'carol'],
  });
  [alice, carol] = fixture.devices as [TestDevice, TestDevice];
  bob = await seededIdentity('bob');
  bobDoc = new Y.Doc();
  bobDoc.clientID = deriveClientId(bob.deviceId, 1);
  alice.engine.innerDoc.getMap('goals').set('a1', 'alice');
  carol.engine.innerDoc.getMap('goals').set('c1', 'carol');
  await fixture.settle();
});
afterEach(() => fixture.dispose());

/** Bob's update blob `seq` writing goal `b<seq>`, with `heads` (undefined: FORMAT 1). */
async function bobUpdate(seq: number, heads: HeadVector | undefined): Promise<Uint8Array> {
  const before = Y.encodeStateVector(bobDoc);
  bobDoc.getMap('goals').set(`b${seq}`, 'bob');
  const update = Y.encodeStateAsUpdate(bobDoc, before);
  return sealBlob({
    header: {
      version: 1,
      kind: 'update',
      workspaceId: await seededWorkspaceId(NAME),
      epoch: 0,
      deviceId: bob.deviceId,
      seq,
    },
    payload: heads
      ? encodeUpdatePayload({ incarnations: [1], update, heads })
      : formatOneUpdate(update),
    key: await seededWorkspaceKey(`${NAME}/0`),
    identity: bob,
  });
}

function formatOneUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Bob's vector for his blob `seq`: `others` and his own entry. */
const bobHeads = (seq: number, others: [DeviceId, number][] = [], epoch = 0): HeadVector => ({
  epoch,
  seqs: new Map([...others, [bob.deviceId, seq]]),
});

/** Puts `blobs` into `device`'s outer doc the way the relay would (the relay passes them on). */
async function injectAsRelay(device: TestDevice, ...blobs: Uint8Array[]): Promise<void> {
  const doc = device.engine.room().doc;
  doc.transact(() => doc.getArray('log').push(blobs), 'relay');
  await fixture.settle();
}

const warningsOf = (device: TestDevice) => device.engine.status.get().rollback;
const goalsOf = (device: TestDevice) => device.engine.innerDoc.getMap('goals').toJSON();
const aliceId = () => alice.identity.deviceId;

describe('rollback warnings', () => {
  it("went-back: bob's later blob says he had less of alice than his earlier one did", async () => {
    await injectAsRelay(
      alice,
      await bobUpdate(1, bobHeads(1, [[aliceId(), 1]])),
      // Served an old state, or restored from an old copy: alice's blob is forgotten.
      await bobUpdate(2, bobHeads(2)),
    );
    for (const device of [alice, carol]) {
      expect(warningsOf(device), device.label).toEqual([
        { deviceId: bob.deviceId, kind: 'went-back' },
      ]);
      // Still applied: the blobs are his, signed.
      expect(goalsOf(device), device.label).toMatchObject({ b1: 'bob', b2: 'bob' });
    }
  });

  it('went-back: a vector, then a later blob without one (FORMAT 1 after FORMAT 2)', async () => {
    await injectAsRelay(
      alice,
      await bobUpdate(1, bobHeads(1, [[aliceId(), 1]])),
      await bobUpdate(2, undefined),
    );
    expect(warningsOf(alice)).toEqual([{ deviceId: bob.deviceId, kind: 'went-back' }]);
  });

  it('reports each device and kind once', async () => {
    await injectAsRelay(
      alice,
      await bobUpdate(1, bobHeads(1, [[aliceId(), 1]])),
      await bobUpdate(2, bobHeads(2)),
      await bobUpdate(3, bobHeads(3, [[aliceId(), 1]])),
      await bobUpdate(4, bobHeads(4)),
    );
    expect(warningsOf(alice)).toEqual([{ deviceId: bob.deviceId, kind: 'went-back' }]);
  });

  it('ahead-of-me: a vector claims more of alice than alice ever published', async () => {
    await injectAsRelay(alice, await bobUpdate(1, bobHeads(1, [[aliceId(), 99]])));
    expect(warningsOf(alice)).toEqual([{ deviceId: bob.deviceId, kind: 'ahead-of-me' }]);
    // Carol reads the same vector: it says nothing about her.
    expect(warningsOf(carol)).toEqual([]);
  });

  it('newer-epoch: a vector read in epoch 0 says its sender is in epoch 1', async () => {
    await injectAsRelay(alice, await bobUpdate(1, bobHeads(1, [], 1)));
    for (const device of [alice, carol]) {
      expect(warningsOf(device), device.label).toEqual([
        { deviceId: bob.deviceId, kind: 'newer-epoch' },
      ]);
    }
  });

  it("refuses a vector that does not fit its blob (the sender's own entry is not the blob's seq)", async () => {
    await injectAsRelay(
      alice,
      await bobUpdate(1, { epoch: 0, seqs: new Map([[bob.deviceId, 5]]) }),
    );
    await alice.engine.whenSettled();
    const rows = await listQuarantined(alice.db, await seededWorkspaceId(NAME));
    expect(rows.map((row) => row.code)).toEqual(['BAD_UPDATE']);
    expect(goalsOf(alice)).not.toHaveProperty('b1');
    expect(warningsOf(alice)).toEqual([]);
  });

  it('stays quiet for an honest sender, and for replays of its older blobs', async () => {
    const first = await bobUpdate(1, bobHeads(1, [[aliceId(), 1]]));
    // Delivered at once, before the settling moves the clock on.
    const receivedAt = fixture.clock.now();
    await injectAsRelay(alice, first, await bobUpdate(2, bobHeads(2, [[aliceId(), 1]])));
    await injectAsRelay(alice, first);
    expect(warningsOf(alice)).toEqual([]);
    const heads = alice.engine.status.get().heads;
    expect(heads.find((head) => head.deviceId === bob.deviceId)).toEqual({
      deviceId: bob.deviceId,
      hasMineUpTo: 1,
      mineNow: 1,
      at: receivedAt,
    });
  });
});

describe('honest devices', () => {
  it('never warn through edits, compactions, restarts and crashes', async () => {
    for (let round = 0; round < 4; round += 1) {
      alice.engine.innerDoc.getMap('goals').set(`a-${round}`, 'alice');
      await fixture.settle();
      carol.engine.innerDoc.getMap('goals').set(`c-${round}`, 'carol');
      await fixture.settle();
      if (round === 1) await alice.engine.compact();
      if (round === 2) await fixture.restart(carol);
      if (round === 3) await fixture.restart(alice, 'crash');
      await fixture.settle();
    }
    alice.engine.innerDoc.getMap('goals').set('last', 'alice');
    carol.engine.innerDoc.getMap('goals').set('last-c', 'carol');
    await fixture.settle();
    for (const device of [alice, carol]) {
      expect(warningsOf(device), device.label).toEqual([]);
      expect(device.engine.status.get().heads.length, device.label).toBe(1);
    }
  });
});
