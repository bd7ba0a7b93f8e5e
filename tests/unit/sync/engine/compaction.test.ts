import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '$lib/sync';
import { readBlobHeader } from '$lib/sync/blob';
import { InMemoryRelay } from '../../../support/harness/inMemoryRelay';
import { seededWorkspaceId, seededWorkspaceKey } from '../../../support/harness/seededIdentity';
import {
  createTestDevice,
  identitiesOf,
  type TestDevice,
} from '../../../support/harness/testDevice';

let devices: TestDevice[] = [];
let relay: InMemoryRelay;
let clock: ManualClock;

afterEach(async () => {
  relay?.detachAll();
  await Promise.all(devices.map((device) => device.dispose()));
  devices = [];
});

async function setUp(labels: string[]) {
  clock = createManualClock();
  const workspace = {
    workspaceId: await seededWorkspaceId('compaction'),
    key: await seededWorkspaceKey('compaction/0'),
    clock,
    settings: { compactAfter: 1_000 },
  };
  const members = (await identitiesOf(labels)).map((identity) => identity.deviceId);
  devices = [];
  for (const label of labels)
    devices.push(await createTestDevice({ label, workspace, devices: members }));
  relay = new InMemoryRelay({ autoDeliver: true });
  for (const device of devices) relay.attach(device.label, device.engine);
  return devices;
}

const settle = async () => {
  for (let round = 0; round < 3; round += 1) {
    clock.advance(5_000);
    await Promise.all(devices.map((device) => device.engine.whenSettled()));
  }
};
const logOf = (device: TestDevice) => device.engine.room().doc.getArray<Uint8Array>('log');
const kindsOf = (device: TestDevice) =>
  logOf(device)
    .toArray()
    .map((blob) => {
      const read = readBlobHeader(blob);
      return read.ok ? read.header.kind : 'unreadable';
    });

async function writeBlobs(device: TestDevice, count: number, prefix: string) {
  for (let i = 0; i < count; i += 1) {
    device.engine.innerDoc.getMap('m').set(`${prefix}${i}`, i);
    await device.engine.flush();
  }
}

describe('compaction', () => {
  it('replaces covered blobs by one snapshot, in one transaction, for every device', async () => {
    const [alice, bob] = await setUp(['alice', 'bob']);
    await writeBlobs(alice!, 3, 'a');
    await writeBlobs(bob!, 2, 'b');
    await settle();
    expect(logOf(bob!).length).toBe(5);
    const seen: number[] = [];
    logOf(bob!).observe((event) => seen.push(event.changes.added.size, event.changes.deleted.size));
    const compacted = await alice!.engine.compact();
    await settle();
    expect(compacted).toEqual({ ok: true, deleted: 5 });
    expect(kindsOf(bob!)).toEqual(['snapshot']);
    // Bob saw the snapshot and the deletions in one event: never the deletions alone.
    expect(seen).toEqual([1, 5]);
    expect(bob!.engine.innerDoc.getMap('m').toJSON()).toEqual({
      a0: 0,
      a1: 1,
      a2: 2,
      b0: 0,
      b1: 1,
    });
  });

  it('closes the gap of a device that missed the deleted blobs while offline', async () => {
    const [alice, bob, carol] = await setUp(['alice', 'bob', 'carol']);
    relay.setOnline('carol', false);
    await writeBlobs(alice!, 2, 'a');
    await writeBlobs(bob!, 2, 'b');
    await settle();
    await alice!.engine.compact();
    await writeBlobs(bob!, 1, 'late');
    await settle();
    relay.setOnline('carol', true);
    await settle();
    expect(carol!.engine.innerDoc.getMap('m').toJSON()).toEqual({
      a0: 0,
      a1: 1,
      b0: 0,
      b1: 1,
      late0: 0,
    });
    // Bob's seq 3 arrived after a snapshot covering his 1–2: no gap, nothing held.
    expect(carol!.engine.status.get().gaps).toEqual([]);
  });

  it('is harmless when two devices compact at once', async () => {
    const [alice, bob] = await setUp(['alice', 'bob']);
    await writeBlobs(alice!, 3, 'a');
    await writeBlobs(bob!, 3, 'b');
    await settle();
    relay.setOnline('alice', false);
    relay.setOnline('bob', false);
    await Promise.all([alice!.engine.compact(), bob!.engine.compact()]);
    relay.setOnline('alice', true);
    relay.setOnline('bob', true);
    await settle();
    expect(kindsOf(alice!)).toEqual(['snapshot', 'snapshot']);
    for (const device of [alice!, bob!]) {
      expect(device.engine.innerDoc.getMap('m').size).toBe(6);
      expect(device.engine.status.get()).toMatchObject({ gaps: [], quarantined: 0 });
    }
    // The next compaction covers both snapshots.
    await bob!.engine.compact();
    await settle();
    expect(kindsOf(alice!)).toEqual(['snapshot']);
  });

  it('compacts by itself past the bound, once, and not again for the snapshots alone', async () => {
    await setUp(['alice', 'bob', 'carol']);
    relay.detachAll();
    for (const device of devices) await device.dispose();
    devices = [];
    // Same workspace, now with a bound of 4 blobs.
    clock = createManualClock();
    const workspace = {
      workspaceId: await seededWorkspaceId('auto-compaction'),
      key: await seededWorkspaceKey('auto-compaction/0'),
      clock,
      settings: { compactAfter: 4 },
    };
    const members = (await identitiesOf(['alice', 'bob', 'carol'])).map(
      (identity) => identity.deviceId,
    );
    for (const label of ['alice', 'bob', 'carol']) {
      devices.push(await createTestDevice({ label, workspace, devices: members }));
    }
    relay = new InMemoryRelay({ autoDeliver: true });
    for (const device of devices) relay.attach(device.label, device.engine);
    const [alice] = devices as [TestDevice];
    await writeBlobs(alice, 6, 'a');
    // Real time passes in small steps: each device's compaction delay differs, and the first
    // snapshot reaches the others before their own delay ends.
    for (let step = 0; step < 50; step += 1) {
      clock.advance(100);
      await Promise.all(devices.map((device) => device.engine.whenSettled()));
    }
    const compactions = () =>
      devices.reduce((sum, device) => sum + device.engine.counters().compactions, 0);
    expect(compactions()).toBe(1);
    expect(kindsOf(alice)).toEqual(['snapshot']);
    await settle();
    await settle();
    expect(compactions()).toBe(1);
    for (const device of devices) expect(device.engine.innerDoc.getMap('m').size).toBe(6);
  });
});
