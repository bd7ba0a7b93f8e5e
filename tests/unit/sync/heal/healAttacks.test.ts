// What an attacker (the relay, the network, a member device) can try against healing, each
// found by an adversarial review of #11: a device must never serve its placeholders, never
// "repair" content that is not a blob of its own item, never ask forever for bytes the source
// keeps serving bad, and release a set-aside copy of a device once that device is admitted.
import { afterEach, describe, expect, it } from 'vitest';
import { writeVarUint } from 'lib0/encoding';
import * as Y from 'yjs';
import { damageBlob } from '../../../support/harness/damageBlob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
afterEach(() => fixture?.dispose());

const goals = (device: TestDevice) => device.engine.innerDoc.getMap('goals').toJSON();

async function write(device: TestDevice, key: string, value: string): Promise<void> {
  device.engine.innerDoc.getMap('goals').set(key, value);
  await device.engine.flush();
  await fixture.settle();
}

/** Damages every update carrying a blob on its way to `label` until the returned stop. */
function damageTo(label: string): () => void {
  fixture.relay.tamper = (message) =>
    message.device === label ? (damageBlob(message.update) ?? message.update) : message.update;
  return () => (fixture.relay.tamper = undefined);
}

describe('healing under attack', () => {
  it('never serves a placeholder to a relay that lost its data', async () => {
    fixture = await createPairFixture(['alice', 'bob', 'carol'], { name: 'attack-lost' });
    const [alice, bob, carol] = fixture.devices as [TestDevice, TestDevice, TestDevice];
    fixture.relay.setOnline('carol', false);
    const stop = damageTo('bob');
    await write(alice, 'g1', 'first');
    stop();
    await write(alice, 'g2', 'second');
    expect(bob.engine.status.get()).toMatchObject({ healing: 1 });
    // The relay loses the room; bob reconnects first and answers with what it lacks.
    fixture.relay.setOnline('alice', false);
    fixture.relay.setOnline('bob', false);
    fixture.relay.rooms.get(alice.engine.room().roomId)?.destroy();
    fixture.relay.rooms.delete(alice.engine.room().roomId);
    fixture.relay.setOnline('bob', true);
    fixture.relay.setOnline('alice', true);
    fixture.relay.setOnline('carol', true);
    await fixture.settle();
    fixture.relay.exchangeAll({ everything: true });
    await fixture.settle();
    expect(goals(carol)).toEqual({ g1: 'first', g2: 'second' });
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second' });
    expect(bob.engine.status.get()).toMatchObject({ healing: 0, quarantined: 0, gaps: [] });
  });

  it('stops asking for an item whose every copy is bad, and keeps it set aside', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'attack-bad' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    damageTo('bob');
    await write(alice, 'g1', 'first');
    for (let round = 0; round < 6; round += 1) {
      fixture.relay.exchange('bob');
      await fixture.settle();
    }
    expect(bob.engine.counters().gaveUp).toBe(1);
    expect(bob.engine.status.get()).toMatchObject({ healing: 0, quarantined: 1 });
    expect(bob.engine.room().healingStateVector({ everything: false })).toBeUndefined();
  });

  it('sets aside nothing but a blob of its own item, and never rewrites other content', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'attack-any' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    await write(alice, 'g1', 'first');
    // An item of two entries, the second bytes that look like a (bad) blob, under a new client.
    const forged = contentAnyUpdate(4242, [0, new Uint8Array(300).fill(1)]);
    const intact = alice.engine.room().doc.getArray<Uint8Array>('log').get(0);
    bob.engine.room().takeCopies(forged);
    Y.applyUpdate(bob.engine.room().doc, forged, 'relay');
    await fixture.settle();
    expect(bob.engine.status.get().healing).toBe(0);
    // Served an authentic blob under the same ids, nothing is put in place of the item.
    const served = new Y.Doc();
    served.clientID = 4242;
    served.getArray('log').push([0, intact]);
    bob.engine.room().takeCopies(Y.encodeStateAsUpdate(served));
    const log = bob.engine.room().doc.getArray<unknown>('log');
    expect(log.length).toBe(log.toArray().length);
    expect(bob.engine.counters().repaired).toBe(0);
    expect(goals(bob)).toEqual({ g1: 'first' });
  });
});

describe('an update whose blob item became a deleted one (one flipped bit)', () => {
  it('is refused whole, so the client’s later blobs still arrive', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'attack-deleted' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    let forged = false;
    fixture.relay.tamper = (message) => {
      if (message.device !== 'bob' || forged) return message.update;
      const item = Y.decodeUpdate(message.update).structs.find(
        (struct): struct is Y.Item => struct instanceof Y.Item,
      );
      if (!item) return message.update;
      forged = true;
      // Content type 3 (binary) read as 1 (deleted): its length comes from the blob's length.
      return encodeOneItem(item, new Y.ContentDeleted(400));
    };
    await write(alice, 'g1', 'first');
    fixture.relay.tamper = undefined;
    await write(alice, 'g2', 'second');
    fixture.relay.exchangeAll();
    await fixture.settle();
    expect(forged).toBe(true);
    expect(fixture.relay.garbled).toBeGreaterThan(0);
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second' });
    expect(bob.engine.status.get()).toMatchObject({ gaps: [], healing: 0 });
  });
});

// One flipped bit in the first item of an update can move it out of the log: its parent read as
// another root type ("log" → "lo"), as a map key of the log, or as a nested type's id. Yjs would
// integrate it there and hold its id for good, and every item placed after it follows it: the
// log observer never sees those blobs, nothing is set aside and no gap shows, so a device may
// end with an empty log (found by the damaging convergence plans). Such an update is refused
// whole, whether it still decodes or fails only at its delete set (read after the structs are
// integrated), and the next sync brings the intact copy.

/**
 * How the damage places the item: its parent and key as they are encoded (`'first'`: the id
 * of its client's first blob, which Yjs takes for a nested type and, holding no type, for GC).
 */
type Placement = { parent: 'lo' | 'log' | 'first'; parentSub: string | null };

const PLACEMENTS: [string, Placement][] = [
  ['another root type', { parent: 'lo', parentSub: null }],
  ['a map key of the log', { parent: 'log', parentSub: 'g' }],
  ['a nested type’s item', { parent: 'first', parentSub: null }],
];

describe('an update whose first item was moved out of the log', () => {
  for (const [name, placement] of PLACEMENTS) {
    for (const tail of ['intact', 'truncated'] as const) {
      it(`under ${name}, its delete set ${tail}, is refused and the blobs still arrive`, async () => {
        fixture = await createPairFixture(['alice', 'bob'], { name: `attack-misplaced-${tail}` });
        const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
        await write(alice, 'g0', 'zeroth');
        let forged = false;
        fixture.relay.tamper = (message) => {
          if (message.device !== 'bob' || forged) return message.update;
          const item = Y.decodeUpdate(message.update).structs.find(
            (struct): struct is Y.Item =>
              struct instanceof Y.Item &&
              struct.content instanceof Y.ContentBinary &&
              struct.id.clock > 0,
          );
          if (!item) return message.update;
          forged = true;
          const update = encodeMisplaced(item, placement);
          // Cut in the delete set, the update fails to decode only after its structs.
          return tail === 'intact' ? update : update.subarray(0, update.length - 1);
        };
        await write(alice, 'g1', 'first');
        fixture.relay.tamper = undefined;
        await write(alice, 'g2', 'second');
        fixture.relay.exchangeAll();
        await fixture.settle();
        expect(forged).toBe(true);
        expect(fixture.relay.garbled).toBeGreaterThan(0);
        const outer = bob.engine.room().doc;
        expect([...outer.share.keys()]).toEqual(['log']);
        expect(outer.getArray('log').length).toBe(alice.engine.room().doc.getArray('log').length);
        expect(goals(bob)).toEqual({ g0: 'zeroth', g1: 'first', g2: 'second' });
        expect(bob.engine.status.get()).toMatchObject({ gaps: [], healing: 0, quarantined: 0 });
      });
    }
  }

  it('a well-placed update whose delete set was cut is refused too (and heals the same)', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { name: 'attack-misplaced-cut' });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    let cut = 0;
    fixture.relay.tamper = (message) => {
      if (message.device !== 'bob' || cut > 0) return message.update;
      cut += 1;
      return message.update.subarray(0, message.update.length - 1);
    };
    await write(alice, 'g1', 'first');
    fixture.relay.tamper = undefined;
    fixture.relay.exchangeAll();
    await fixture.settle();
    expect(cut).toBe(1);
    expect(goals(bob)).toEqual({ g1: 'first' });
  });
});

/** An update of `item` alone with no origins, placed as `placement` says, empty delete set. */
function encodeMisplaced(item: Y.Item, placement: Placement): Uint8Array {
  item.origin = null;
  item.rightOrigin = null;
  // Item.write encodes a string or an ID parent as it is.
  (item as { parent: unknown }).parent =
    placement.parent === 'first' ? Y.createID(item.id.client, 0) : placement.parent;
  item.parentSub = placement.parentSub;
  return encodeOneItem(item, item.content);
}

/** An update of `item` alone, its content replaced by `content`, with an empty delete set. */
function encodeOneItem(item: Y.Item, content: Y.Item['content']): Uint8Array {
  item.content = content;
  item.length = content.getLength();
  const encoder = new Y.UpdateEncoderV1();
  writeVarUint(encoder.restEncoder, 1);
  writeVarUint(encoder.restEncoder, 1);
  encoder.writeClient(item.id.client);
  writeVarUint(encoder.restEncoder, item.id.clock);
  item.write(encoder, 0);
  writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

/** A one-item update of client `client` whose content is a ContentAny holding `values`. */
function contentAnyUpdate(client: number, values: unknown[]): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getArray('log').push(values.map((value) => (value instanceof Uint8Array ? 'x' : value)));
  const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
  const item = structs[0] as Y.Item;
  return encodeOneItem(item, new Y.ContentAny(values));
}
