// Periodic rotation in a pair with a membership chain (issue 12), over the in-memory relay: after
// the period one device moves the pair to a fresh key and every device follows; a member who
// dates its own rotations in the past or the future gets at most one honest rotation a day from
// each device; a record planted in an honest device's slot does not hold it back; a pair from
// before the chain never rotates by itself. P has a laptop and a phone, Q a device. Time is
// vitest's fake timers and Date (the watcher's hourly check, each device's delay, the follow
// grace period) while the engines keep the fixture's manual clock (`settle`); the connection of
// each device is the test's (`relayView`: the in-memory relay never reports one).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toBase64Url, type PersonIdentity, type WorkspaceId } from '$lib/crypto';
import {
  admitRecord,
  certifyThisDevice,
  genesisRecord,
  writeChain,
} from '$lib/state/identity/pairChain';
import { followRotations, rotatePairKey } from '$lib/state/identity/pairRotation';
import {
  periodicRotationDelay,
  periodicRotationFacts,
  watchPeriodicRotation,
} from '$lib/state/identity/periodicRotation';
import { ROTATION_PERIOD_MS } from '$lib/state/identity/periodicRotationPolicy';
import {
  listRotations,
  listRotationsFor,
  ROTATIONS_ROOT,
  type RotationRecord,
} from '$lib/workspace';
import * as Y from 'yjs';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceId } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';
import {
  createPairAs,
  joinPairAs,
  registerCertified,
  relayView,
  seededPerson,
  type RelayView,
} from './identityFixture';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Just after `createPairAs` dates the pair's creation (2025-01-06T09:00Z). */
const START = Date.parse('2025-01-06T10:00:00.000Z');
/** Short grace and delay window, so the test steps through them exactly. */
const GRACE_MS = 1_000;
const JITTER_MS = 256_000;

let fixture: PairFixture;
let laptop: TestDevice; // P
let phone: TestDevice; // P
let partner: TestDevice; // Q
let p: PersonIdentity;
let q: PersonIdentity;
let persons: Map<TestDevice, PersonIdentity>;
let views: Map<TestDevice, RelayView>;
let stops: Array<() => void>;
/** Fake milliseconds since the watchers started: their hourly checks fall on whole hours. */
let elapsed: number;

/** P's laptop and phone and Q's device, in a pair with a chain, or (`legacy`) without one. */
async function openPair(name: string, legacy = false): Promise<void> {
  const workspaceId: WorkspaceId = await seededWorkspaceId(name);
  [p, q] = await Promise.all([seededPerson(`${name}-p`), seededPerson(`${name}-q`)]);
  const root = genesisRecord({ workspaceId, person: p, role: 'mentor' }).hash;
  fixture = await createPairFixture([`${name}-laptop`, `${name}-phone`, `${name}-partner`], {
    name,
    ...(legacy ? {} : { chainRoot: root }),
  });
  [laptop, phone, partner] = fixture.devices as [TestDevice, TestDevice, TestDevice];
  persons = new Map([
    [laptop, p],
    [phone, p],
    [partner, q],
  ]);
  if (legacy) {
    for (const device of fixture.devices) {
      registerCertified(device.engine.innerDoc, {
        person: persons.get(device)!,
        device: device.identity,
      });
    }
  } else {
    fileInChain(laptop);
    const admission = admitRecord(laptop.engine.membership()!, {
      workspaceId,
      person: p,
      personId: q.personId,
      role: 'mentee',
    });
    writeChain(laptop.engine.innerDoc, [admission]);
    await fixture.settle();
    fileInChain(phone);
    fileInChain(partner);
  }
  await fixture.settle();
  // The chain first: a device's blobs count only once the chain files it.
  createPairAs(laptop.engine.innerDoc, p);
  await fixture.settle();
  joinPairAs(partner.engine.innerDoc, q);
  await fixture.settle();
  views = new Map(fixture.devices.map((device) => [device, relayView(device.engine, 'quiet')]));

  /** What the app does on open: the device files itself in the chain. */
  function fileInChain(device: TestDevice): void {
    const person = persons.get(device)!;
    const role = person === p ? 'mentor' : 'mentee';
    const input = { workspaceId, person, device: device.identity, role } as const;
    while (certifyThisDevice(device.engine.innerDoc, device.engine.membership()!, input));
  }
}

beforeEach(() => {
  stops = [];
  elapsed = 0;
});

afterEach(async () => {
  for (const stop of stops) stop();
  vi.useRealTimers();
  await fixture.dispose();
});

/** Starts the app's two watchers on `device`: following rotations and, unless told, writing them. */
function run(device: TestDevice, options: { periodic: boolean } = { periodic: true }): void {
  const input = {
    engine: views.get(device)!.engine,
    identity: device.identity,
    personId: persons.get(device)!.personId,
  };
  stops.push(followRotations({ ...input, onEvent: () => undefined, graceMs: GRACE_MS }));
  if (options.periodic) {
    stops.push(watchPeriodicRotation({ ...input, checkEveryMs: HOUR, jitterMs: JITTER_MS }));
  }
}

/** Fake time from here on, the watchers not started yet. */
function fakeTime(): void {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: START,
  });
}

/** Lets `ms` of fake time pass, then lets the engines finish what that started. */
async function pass(ms: number): Promise<void> {
  elapsed += ms;
  await vi.advanceTimersByTimeAsync(ms);
  await fixture.settle();
}

/**
 * Runs the next hourly check, then each device's delay in turn (settling in between, so a record
 * written after one delay reaches the others before theirs ends), then the follow grace periods.
 */
async function nextCheck(): Promise<void> {
  await pass(HOUR - (elapsed % HOUR));
  const delays = [
    ...new Set(fixture.devices.map((d) => periodicRotationDelay(d.identity.deviceId, JITTER_MS))),
  ];
  let done = 0;
  for (const delay of delays.sort((a, b) => a - b)) {
    await pass(delay + 1 - done);
    done = delay + 1;
  }
  for (let round = 0; round < 5; round += 1) await pass(GRACE_MS);
}

/** Moves the wall clock (not the timers) to `at`, as a device that slept or sat closed. */
function setNow(at: number): void {
  vi.setSystemTime(at);
}

/** An edit on `device`: one blob, the activity an epoch needs before it rotates. */
async function edit(device: TestDevice, value: string): Promise<void> {
  device.engine.innerDoc.getMap('scratch').set(device.label, value);
  await fixture.settle();
}

function epochs(): number[] {
  return fixture.devices.map((device) => device.engine.status.get().epoch);
}

/** The periodic rotations `device` wrote, as the laptop's doc holds them. */
function periodicBy(device: TestDevice): RotationRecord[] {
  return listRotations(laptop.engine.innerDoc).filter(
    (record) => record.byDeviceId === device.identity.deviceId && record.reason === 'periodic',
  );
}

/**
 * Q's device writes a genuine, signed rotation to the next epoch, dated as it likes, and every
 * device moves on it.
 */
async function hostileRotation(at: Date): Promise<void> {
  const epoch = partner.engine.status.get().epoch + 1;
  const written = rotatePairKey({
    engine: views.get(partner)!.engine,
    identity: partner.identity,
    personId: q.personId,
    reason: 'periodic',
    removeDeviceIds: [],
    now: at,
  });
  if (!written.ok) throw new Error(`rotatePairKey refused: ${written.code}`);
  for (let round = 0; epochs().some((each) => each < epoch); round += 1) {
    if (round > 20) throw new Error(`the pair did not move to epoch ${epoch}`);
    await pass(GRACE_MS);
  }
}

describe('periodic rotation in a chain pair', () => {
  beforeEach(async () => {
    await openPair('periodic');
  });

  it('rotates once after the period, removing nobody, and every device moves and syncs on', async () => {
    fakeTime();
    for (const device of fixture.devices) run(device);
    await edit(laptop, 'epoch 0');
    setNow(START + ROTATION_PERIOD_MS - DAY);
    await nextCheck();
    expect(listRotations(laptop.engine.innerDoc)).toEqual([]);
    expect(epochs()).toEqual([0, 0, 0]);

    setNow(START + ROTATION_PERIOD_MS);
    await nextCheck();
    const records = listRotationsFor(laptop.engine.innerDoc, 1);
    expect(records).toHaveLength(1);
    const [record] = records as [RotationRecord];
    expect(record).toMatchObject({ reason: 'periodic', removedDeviceIds: [] });
    expect(Object.keys(record.envelopes).sort()).toEqual(
      fixture.devices.map((device) => device.identity.deviceId).sort(),
    );
    // The one that wrote it is the device whose delay is shortest.
    const first = [...fixture.devices].sort(
      (a, b) =>
        periodicRotationDelay(a.identity.deviceId, JITTER_MS) -
        periodicRotationDelay(b.identity.deviceId, JITTER_MS),
    )[0]!;
    expect(record.byDeviceId).toBe(first.identity.deviceId);
    expect(epochs()).toEqual([1, 1, 1]);
    expect(partner.engine.key()).toEqual(laptop.engine.key());
    expect(phone.engine.key()).toEqual(laptop.engine.key());

    // The new rooms carry edits, and the new epoch starts its own count.
    expect(laptop.engine.epochBlobCount()).toBe(0);
    await edit(partner, 'epoch 1');
    expect(laptop.engine.innerDoc.getMap('scratch').get(partner.label)).toBe('epoch 1');
    expect(laptop.engine.epochBlobCount()).toBe(1);

    // Checks go on for days (with activity): nothing more until the new epoch is a period old.
    for (let day = 1; day <= 3; day += 1) {
      setNow(START + ROTATION_PERIOD_MS + day * DAY);
      await nextCheck();
    }
    expect(epochs()).toEqual([1, 1, 1]);
    expect(listRotations(laptop.engine.innerDoc)).toHaveLength(1);
  });

  it('does not rotate an epoch without activity, however old', async () => {
    fakeTime();
    for (const device of fixture.devices) run(device);
    // A first rotation (by Q, dated honestly) gives an epoch whose only blobs are the seeds.
    await hostileRotation(new Date(START));
    expect(epochs()).toEqual([1, 1, 1]);
    expect(laptop.engine.epochBlobCount()).toBe(0);
    setNow(START + 2 * ROTATION_PERIOD_MS);
    await nextCheck();
    expect(epochs()).toEqual([1, 1, 1]);
    await edit(phone, 'at last');
    await nextCheck();
    expect(epochs()).toEqual([2, 2, 2]);
  });

  it('gives a member who misdates its rotations at most one honest rotation a day per device', async () => {
    fakeTime();
    // Q's device does not rotate by itself: it only follows, and writes what it likes.
    run(laptop);
    run(phone);
    run(partner, { periodic: false });
    const future = new Date('3000-01-01T00:00:00.000Z');
    const past = new Date(0);
    // Every hour for a day Q moves the pair on, dated in the future or the past: each epoch it
    // makes looks overdue to the honest devices.
    for (let hour = 0; hour < 23; hour += 1) {
      setNow(START + hour * HOUR);
      await hostileRotation(hour % 2 === 0 ? future : past);
      await edit(laptop, `hour ${hour}`);
      await nextCheck();
    }
    expect(new Set(epochs()).size).toBe(1);
    const [epoch] = epochs() as [number];
    // 23 from Q, and one from each honest device: the first checks after Q's first and second.
    expect(periodicBy(laptop)).toHaveLength(1);
    expect(periodicBy(phone)).toHaveLength(1);
    expect(epoch).toBe(23 + 2);

    // A day after its own, each honest device rotates again: misdating cannot stop it either.
    setNow(START + 2 * DAY);
    for (const at of [future, past]) {
      await hostileRotation(at);
      await edit(laptop, `next day, ${at.toISOString()}`);
      await nextCheck();
    }
    expect(periodicBy(laptop)).toHaveLength(2);
    expect(periodicBy(phone)).toHaveLength(2);
  });

  it('is not held back by a record planted in its slot as if it had just rotated', async () => {
    fakeTime();
    run(laptop);
    run(phone, { periodic: false });
    run(partner, { periodic: false });
    await hostileRotation(new Date(START));
    expect(epochs()).toEqual([1, 1, 1]);
    // Q files a periodic rotation "by the laptop", dated now, in the laptop's slot of epoch 1:
    // well-formed, but not under the laptop's signature.
    const now = START + ROTATION_PERIOD_MS + DAY;
    setNow(now);
    const planted = new Y.Map<unknown>();
    partner.engine.innerDoc
      .getMap<unknown>(ROTATIONS_ROOT)
      .set(`1/${laptop.identity.deviceId}`, planted);
    const fields: RotationRecord = {
      epoch: 1,
      byDeviceId: laptop.identity.deviceId,
      at: new Date(now).toISOString(),
      reason: 'periodic',
      removedDeviceIds: [],
      envelopes: {},
      signature: toBase64Url(new Uint8Array(64).fill(7)),
    };
    for (const [field, value] of Object.entries(fields)) planted.set(field, value);
    await edit(partner, 'activity');
    expect(listRotationsFor(laptop.engine.innerDoc, 1).map((r) => r.byDeviceId)).toContain(
      laptop.identity.deviceId,
    );
    await nextCheck();
    expect(epochs()).toEqual([2, 2, 2]);
    expect(periodicBy(laptop).map((record) => record.epoch)).toContain(2);
  });
});

describe('periodic rotation in a pair from before the chain', () => {
  beforeEach(async () => {
    await openPair('periodic-legacy', true);
  });

  it('never rotates by itself', async () => {
    fakeTime();
    for (const device of fixture.devices) run(device);
    await edit(laptop, 'busy');
    expect(laptop.engine.membership()).toBeUndefined();
    expect(laptop.engine.epochBlobCount()).toBeGreaterThan(0);
    expect(
      periodicRotationFacts({
        engine: views.get(laptop)!.engine,
        identity: laptop.identity,
        personId: p.personId,
        now: Date.now(),
      }),
    ).toBeUndefined();
    setNow(START + 3 * ROTATION_PERIOD_MS);
    await nextCheck();
    await nextCheck();
    expect(listRotations(laptop.engine.innerDoc)).toEqual([]);
    expect(epochs()).toEqual([0, 0, 0]);
  });
});
