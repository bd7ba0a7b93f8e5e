// One damaged copy must never cut a device off from its partner (issue #11). Yjs never asks for
// an item id it already holds, so a copy damaged on its way (or at rest) has to be set aside by
// its id, kept out of what the device stores and serves, and replaced once an intact copy of the
// same item can be had; the device's later blobs, held behind it, then follow.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBlobHeader } from '$lib/sync/blob';
import { parseSyncFile } from '$lib/sync';
import { damageBlob, indexOf } from '../../../support/harness/damageBlob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
let alice: TestDevice;
let bob: TestDevice;

beforeEach(async () => {
  fixture = await createPairFixture(['alice', 'bob'], { name: 'heal' });
  [alice, bob] = fixture.devices as [TestDevice, TestDevice];
});
afterEach(() => fixture.dispose());

/** Damages the next update carrying a blob on its way to bob; returns the intact blob. */
function damageNextToBob(): { intact: () => Uint8Array | undefined } {
  let intact: Uint8Array | undefined;
  fixture.relay.tamper = (message) => {
    if (message.device !== 'bob' || intact) return message.update;
    const damaged = damageBlob(message.update);
    if (!damaged) return message.update;
    intact = Y.decodeUpdate(message.update).structs.flatMap((struct) =>
      struct instanceof Y.Item && struct.content instanceof Y.ContentBinary
        ? [struct.content.content]
        : [],
    )[0];
    return damaged;
  };
  return { intact: () => intact };
}

async function storedOuterRows(device: TestDevice): Promise<Uint8Array[]> {
  const rows = (await device.db.outerUpdates.toArray()) as { update: Uint8Array }[];
  return rows.map((row) => row.update);
}

const goals = (device: TestDevice) => device.engine.innerDoc.getMap('goals').toJSON();

async function write(device: TestDevice, key: string, value: string): Promise<void> {
  device.engine.innerDoc.getMap('goals').set(key, value);
  await device.engine.flush();
  await fixture.settle();
}

describe('a copy damaged on its way', () => {
  it('is set aside, never stored, and healed from the relay; the later blobs follow', async () => {
    const damage = damageNextToBob();
    await write(alice, 'g1', 'first');
    await write(alice, 'g2', 'second');
    await write(alice, 'g3', 'third');
    const intact = damage.intact()!;
    expect(readBlobHeader(intact).ok).toBe(true);
    // Set aside: one damaged copy, alice's later blobs held behind it, nothing applied.
    expect(bob.engine.status.get()).toMatchObject({
      quarantined: 1,
      healing: 1,
      gaps: [{ deviceId: alice.identity.deviceId, fromSeq: 1, toSeq: 1 }],
    });
    expect(goals(bob)).toEqual({});
    // What bob stores holds neither the damaged bytes nor (yet) the blob.
    const middle = intact.length >> 1;
    const damagedWindow = intact.slice(middle - 30, middle + 30);
    damagedWindow[30] = damagedWindow[30]! ^ 0x20;
    for (const row of await storedOuterRows(bob)) {
      expect(indexOf(row, damagedWindow)).toBe(-1);
      expect(indexOf(row, intact)).toBe(-1);
    }
    // Bob's own state vector claims the item already; the healing one claims alice's outer
    // client only up to it, so the relay sends the item again, and the rest follows.
    const room = bob.engine.room();
    const client = alice.engine.room().doc.clientID;
    const asking = Y.decodeStateVector(room.healingStateVector({ everything: false })!);
    expect(asking.get(client)).toBeLessThan(Y.getState(room.doc.store, client));
    fixture.relay.tamper = undefined;
    fixture.relay.exchange('bob');
    await fixture.settle();
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second', g3: 'third' });
    expect(bob.engine.status.get()).toMatchObject({ quarantined: 0, healing: 0, gaps: [] });
    expect(bob.engine.counters().repaired).toBe(1);
    expect(bob.engine.room().healingStateVector({ everything: false })).toBeUndefined();
    // The intact copy is stored (a restart opens clean) and goes into a sync file.
    expect((await storedOuterRows(bob)).some((row) => indexOf(row, intact) >= 0)).toBe(true);
    const file = parseSyncFile(await bob.engine.exportSyncFile());
    expect(file.ok && file.file.blobs.some((blob) => indexOf(blob, intact) === 0)).toBe(true);
    await fixture.restart(bob);
    expect(bob.engine.status.get()).toMatchObject({ quarantined: 0, healing: 0, gaps: [] });
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second', g3: 'third' });
  });

  it('stays set aside across a restart and heals afterwards', async () => {
    damageNextToBob();
    await write(alice, 'g1', 'first');
    await write(alice, 'g2', 'second');
    fixture.relay.tamper = undefined;
    fixture.relay.setOnline('bob', false);
    await fixture.restart(bob, 'crash');
    await bob.engine.whenSettled();
    expect(bob.engine.status.get()).toMatchObject({ quarantined: 1, healing: 1 });
    fixture.relay.setOnline('bob', true);
    await fixture.settle();
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second' });
    expect(bob.engine.status.get()).toMatchObject({ quarantined: 0, healing: 0, gaps: [] });
  });

  it('keeps waiting while every copy that comes is damaged', async () => {
    damageNextToBob();
    await write(alice, 'g1', 'first');
    await write(alice, 'g2', 'second');
    fixture.relay.tamper = (message) =>
      message.device === 'bob' ? (damageBlob(message.update) ?? message.update) : message.update;
    fixture.relay.exchange('bob');
    await fixture.settle();
    expect(bob.engine.status.get()).toMatchObject({ healing: 1 });
    expect(bob.engine.counters().repaired).toBe(0);
    fixture.relay.tamper = undefined;
    fixture.relay.exchange('bob');
    await fixture.settle();
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second' });
  });

  it('is healed by a sync file carrying the intact blob, too', async () => {
    damageNextToBob();
    await write(alice, 'g1', 'first');
    await write(alice, 'g2', 'second');
    fixture.relay.tamper = undefined;
    fixture.relay.setOnline('bob', false);
    const imported = bob.engine.importSyncFile(await alice.engine.exportSyncFile());
    expect(imported).toMatchObject({ ok: true, applied: 1 });
    await fixture.settle();
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second' });
    expect(bob.engine.status.get().gaps).toEqual([]);
  });
});

describe('a copy damaged at rest', () => {
  /** Flips a byte inside alice's first stored blob on bob's disk; returns the damaged window. */
  async function damageStoredBlob(options: { keepCheck: boolean }): Promise<Uint8Array> {
    await write(alice, 'g1', 'first');
    await write(alice, 'g2', 'second');
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second' });
    fixture.relay.setOnline('bob', false);
    await bob.engine.close();
    const blob = bob.engine.room().doc.getArray<Uint8Array>('log').get(0);
    const rows = await bob.db.outerUpdates.toArray();
    const row = rows.find((each) => indexOf(each.update, blob) >= 0)!;
    const at = indexOf(row.update, blob) + 100;
    const damaged = row.update.slice();
    damaged[at] = damaged[at]! ^ 0x01;
    const { check, ...rest } = row;
    await bob.db.outerUpdates.put({
      ...rest,
      update: damaged,
      ...(options.keepCheck ? { check } : {}),
    });
    // Without the cache, the inner doc is rebuilt from the stored log.
    await bob.db.innerCache.clear();
    await fixture.restart(bob, 'crash');
    await bob.engine.whenSettled();
    return damaged.slice(at - 30, at + 30);
  }

  async function expectHealedOnline(window: Uint8Array): Promise<void> {
    fixture.relay.setOnline('bob', true);
    await fixture.settle();
    expect(goals(bob)).toEqual({ g1: 'first', g2: 'second' });
    expect(bob.engine.status.get()).toMatchObject({ quarantined: 0, healing: 0, gaps: [] });
    for (const stored of await storedOuterRows(bob)) expect(indexOf(stored, window)).toBe(-1);
  }

  it('skips a row that fails its check, rewrites the rows, and refills from the relay', async () => {
    const window = await damageStoredBlob({ keepCheck: true });
    expect(bob.engine.counters().damagedRows).toBe(1);
    expect(goals(bob)).toEqual({});
    await expectHealedOnline(window);
  });

  it('sets aside a damaged blob in a row without a check (an older build), and heals it', async () => {
    const window = await damageStoredBlob({ keepCheck: false });
    expect(bob.engine.status.get()).toMatchObject({ quarantined: 1, healing: 1 });
    await expectHealedOnline(window);
  });
});
