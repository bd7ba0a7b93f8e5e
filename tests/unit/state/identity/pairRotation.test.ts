// rotatePairKey and followRotations over the in-memory relay: which devices the new epoch key is
// sealed to (certified, not removed, the writer itself), when a rotation may be written (synced,
// none pending), and how devices move: only once synced with nothing waiting and the next
// epoch's records unchanged for the grace period, all on the record of the lowest eligible
// writer, a late rival withdrawn, a left-out device told. Eligible means signed by its writer,
// a certified device of one of the pair's people (or of the reader's own person), and not removed
// by another eligible record; the attacks on each of those checks plant records straight into
// the doc, as any device holding the epoch key can. Records for those are made by the real
// `rotatePairKey` in a copy of the doc (`writtenAside`), then tampered with where the test says. The in-memory relay never reports a
// connection, so each device's is switched by the test (`relayView`); the grace period runs on
// vitest's fake timers (only setTimeout and Date: the engines keep the fixture's manual clock and
// fake-indexeddb its setImmediate), so "not yet" and "now" are exact, never wall-clock.
// The flows through the real relay are in tests/server/identityFlows.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  fromBase64Url,
  generateWorkspaceKey,
  openSealedToDevice,
  sealToDevice,
  toBase64Url,
  type DeviceIdentity,
  type PersonIdentity,
} from '$lib/crypto';
import { isDeviceCertified } from '$lib/state/identity/deviceCertificate';
import { docRoster } from '$lib/state/identity/pairRoster';
import {
  canRotate,
  chooseRotation,
  followRotations,
  rotatePairKey,
  type RotationEvent,
} from '$lib/state/identity/pairRotation';
import {
  CURRENT_SCHEMA_VERSION,
  findDevice,
  findRotation,
  listInvites,
  listRotationsFor,
  markDeviceRemoved,
  recordInvite,
  registerDevice,
  ROTATIONS_ROOT,
  type RotationRecord,
} from '$lib/workspace';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededIdentity } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';
import {
  certifiedEntry,
  createPairAs,
  joinPairAs,
  registerCertified,
  relayView,
  seededPerson,
  type RelayView,
} from './identityFixture';

const AT = new Date('2025-03-01T12:00:00.000Z');
/** The grace period in the follow tests, in fake-timer milliseconds. */
const GRACE_MS = 1_000;

let fixture: PairFixture;
let laptop: TestDevice; // person P
let phone: TestDevice; // person P
let partner: TestDevice; // person Q
let p: PersonIdentity;
let q: PersonIdentity;
let views: Map<TestDevice, RelayView>;
let persons: Map<TestDevice, PersonIdentity>;

beforeEach(async () => {
  fixture = await createPairFixture(['rot-laptop', 'rot-phone', 'rot-partner'], { name: 'rot' });
  [laptop, phone, partner] = fixture.devices as [TestDevice, TestDevice, TestDevice];
  p = await seededPerson('rot-p');
  q = await seededPerson('rot-q');
  persons = new Map([
    [laptop, p],
    [phone, p],
    [partner, q],
  ]);
  // P creates the pair on the laptop, Q joins on its device: a record counts only by its people.
  createPairAs(laptop.engine.innerDoc, p);
  await fixture.settle();
  joinPairAs(partner.engine.innerDoc, q);
  registerCertified(laptop.engine.innerDoc, { person: p, device: laptop.identity });
  registerCertified(phone.engine.innerDoc, { person: p, device: phone.identity });
  registerCertified(partner.engine.innerDoc, { person: q, device: partner.identity });
  await fixture.settle();
  views = new Map(fixture.devices.map((device) => [device, relayView(device.engine, 'quiet')]));
});

afterEach(async () => {
  vi.useRealTimers();
  await fixture.dispose();
});

/** `device`'s engine as the rotation code sees it (its connection switched by the test). */
function viewOf(device: TestDevice): RelayView {
  return views.get(device)!;
}

/** The person id `device` rotates and follows as. */
function personOf(device: TestDevice): string {
  return persons.get(device)!.personId;
}

/** Opens `record`'s envelope for `device`, or undefined. */
function openEnvelope(record: RotationRecord, device: DeviceIdentity): Uint8Array | undefined {
  const sealed = fromBase64Url(record.envelopes[device.deviceId] ?? '');
  if (!sealed) return undefined;
  const opened = openSealedToDevice({ sealed, keyPair: device.box });
  return opened.ok ? opened.message : undefined;
}

/** The fixture's devices by device id ascending: the first one's record is followed. */
function byDeviceId(): [TestDevice, TestDevice, TestDevice] {
  const sorted = [...fixture.devices].sort((a, b) =>
    a.identity.deviceId < b.identity.deviceId ? -1 : 1,
  );
  return sorted as [TestDevice, TestDevice, TestDevice];
}

/** A rotation by `device` that leaves out `remove`, through its view; throws if refused. */
function rotate(device: TestDevice, remove: readonly TestDevice[] = []): void {
  const written = rotatePairKey({
    engine: viewOf(device).engine,
    identity: device.identity,
    personId: personOf(device),
    reason: 'device-removed',
    removeDeviceIds: remove.map((item) => item.identity.deviceId),
    now: AT,
  });
  if (!written.ok) throw new Error(`rotatePairKey refused: ${written.code}`);
}

/**
 * Writes a record straight into `doc` under its epoch and writer, as any device holding the epoch
 * key can (a hostile member, or whoever kept a revoked invite link).
 */
function plant(doc: Y.Doc, record: RotationRecord): void {
  const map = new Y.Map<unknown>();
  doc.getMap<unknown>(ROTATIONS_ROOT).set(`${record.epoch}/${record.byDeviceId}`, map);
  for (const [field, value] of Object.entries(record)) map.set(field, value);
}

/**
 * The record `identity` (as `personId`) writes for epoch 1, signed by the real `rotatePairKey`
 * with `identity`'s key, over the pair as `device` holds it; but written into a copy of that doc
 * with no records in it, so the test plants it (or a tampered version) where and when it likes.
 */
function writtenAside(input: {
  device: TestDevice;
  identity: DeviceIdentity;
  personId: string;
}): RotationRecord {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(input.device.engine.innerDoc));
  copy.getMap(ROTATIONS_ROOT).clear();
  const written = rotatePairKey({
    engine: { ...viewOf(input.device).engine, innerDoc: copy },
    identity: input.identity,
    personId: input.personId,
    reason: 'device-removed',
    removeDeviceIds: [],
    now: AT,
  });
  if (!written.ok) throw new Error(`rotatePairKey refused: ${written.code}`);
  const record = listRotationsFor(copy, 1).find(
    (item) => item.byDeviceId === input.identity.deviceId,
  );
  copy.destroy();
  if (!record?.signature) throw new Error('rotatePairKey wrote no signed record');
  return record;
}

/** Envelopes of `key` for every fixture device: whoever followed them would move onto it. */
function sealedToAll(key: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    fixture.devices.map((device) => [
      device.identity.deviceId,
      toBase64Url(sealToDevice({ message: key, publicKey: device.identity.box.publicKey })),
    ]),
  );
}

/**
 * A seeded device identity whose id sorts below every fixture device's, so its record would be
 * the one followed if it counted. The fixture's lowest id starts `0d`: about one label in 40 fits.
 */
async function lowestIdentity(label: string): Promise<DeviceIdentity> {
  const lowest = byDeviceId()[0].identity.deviceId;
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const identity = await seededIdentity(`${label}-${attempt}`);
    if (identity.deviceId < lowest) return identity;
  }
  throw new Error(`no seeded identity sorts lowest for ${label}`);
}

/** Records an open invite by person P in `doc`. */
function openInvite(doc: Y.Doc, inviteId: string): void {
  const recorded = recordInvite(doc, {
    inviteId,
    createdBy: p.personId,
    createdAt: AT.toISOString(),
    expiresAt: '2025-03-08T12:00:00.000Z',
  });
  if (!recorded.ok) throw new Error(`recordInvite refused: ${recorded.code}`);
}

describe('rotatePairKey', () => {
  it('seals one new key to the writer and every remaining certified device', () => {
    const written = rotatePairKey({
      engine: viewOf(laptop).engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'device-removed',
      removeDeviceIds: [phone.identity.deviceId],
      now: AT,
    });
    expect(written).toEqual({ ok: true, epoch: 1 });
    const record = findRotation(laptop.engine.innerDoc, 1);
    expect(record).toMatchObject({
      epoch: 1,
      byDeviceId: laptop.identity.deviceId,
      at: AT.toISOString(),
      reason: 'device-removed',
      removedDeviceIds: [phone.identity.deviceId],
    });
    expect(Object.keys(record!.envelopes).sort()).toEqual(
      [laptop.identity.deviceId, partner.identity.deviceId].sort(),
    );
    const mine = openEnvelope(record!, laptop.identity);
    const theirs = openEnvelope(record!, partner.identity);
    expect(mine).toHaveLength(32);
    expect(theirs).toEqual(mine);
    // The removed device is marked, and its box key opens nothing.
    expect(findDevice(laptop.engine.innerDoc, phone.identity.deviceId)?.removedAt).toBe(
      AT.toISOString(),
    );
    for (const envelope of Object.values(record!.envelopes)) {
      const opened = openSealedToDevice({
        sealed: fromBase64Url(envelope)!,
        keyPair: phone.identity.box,
      });
      expect(opened.ok).toBe(false);
    }
  });

  it('gives no envelope to an entry whose box key a hostile member swapped', async () => {
    const attacker = await seededIdentity('rot-attacker');
    // The partner's device rewrites the phone's entry with its own box key; the certificate
    // still covers the phone's real box key, so the entry is no longer certified.
    const swapped = registerDevice(partner.engine.innerDoc, {
      ...certifiedEntry({ person: p, device: phone.identity }),
      boxPublicKey: toBase64Url(attacker.box.publicKey),
    });
    expect(swapped).toEqual({ ok: true });
    await fixture.settle();
    expect(findDevice(laptop.engine.innerDoc, phone.identity.deviceId)?.boxPublicKey).toBe(
      toBase64Url(attacker.box.publicKey),
    );

    expect(
      rotatePairKey({
        engine: viewOf(laptop).engine,
        identity: laptop.identity,
        personId: p.personId,
        reason: 'person-left',
        removeDeviceIds: [],
        now: AT,
      }).ok,
    ).toBe(true);
    const record = findRotation(laptop.engine.innerDoc, 1)!;
    expect(Object.keys(record.envelopes).sort()).toEqual(
      [laptop.identity.deviceId, partner.identity.deviceId].sort(),
    );
    for (const envelope of Object.values(record.envelopes)) {
      const opened = openSealedToDevice({
        sealed: fromBase64Url(envelope)!,
        keyPair: attacker.box,
      });
      expect(opened.ok).toBe(false);
    }
  });

  it('gives no envelope to a device already removed, nor to an unregistered one', async () => {
    const first = rotatePairKey({
      engine: viewOf(laptop).engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'device-removed',
      removeDeviceIds: [partner.identity.deviceId],
      now: AT,
    });
    expect(first.ok).toBe(true);
    const record = findRotation(laptop.engine.innerDoc, 1)!;
    // An id nobody registered gets nothing; the device removed gets nothing; the rest do.
    const stranger = await seededIdentity('rot-stranger');
    expect(record.envelopes[stranger.deviceId]).toBeUndefined();
    expect(record.envelopes[partner.identity.deviceId]).toBeUndefined();
    expect(record.envelopes[phone.identity.deviceId]).toBeDefined();
  });

  it('does not let a bare removedAt mark, which any member can write, cut a device out', () => {
    // The partner marks the phone removed without any rotation.
    markDeviceRemoved(laptop.engine.innerDoc, {
      deviceId: phone.identity.deviceId,
      at: AT.toISOString(),
    });
    const written = rotatePairKey({
      engine: viewOf(laptop).engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'invite-revoked',
      removeDeviceIds: [],
      now: AT,
    });
    expect(written.ok).toBe(true);
    const record = findRotation(laptop.engine.innerDoc, 1)!;
    expect(openEnvelope(record, phone.identity)).toHaveLength(32);
  });

  it('never removes the writer itself', () => {
    rotatePairKey({
      engine: viewOf(laptop).engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'device-removed',
      removeDeviceIds: [laptop.identity.deviceId],
      now: AT,
    });
    const record = findRotation(laptop.engine.innerDoc, 1)!;
    expect(record.removedDeviceIds).toEqual([]);
    expect(openEnvelope(record, laptop.identity)).toHaveLength(32);
    expect(findDevice(laptop.engine.innerDoc, laptop.identity.deviceId)?.removedAt).toBeUndefined();
  });

  it('person-left leaves out every device of the persons removed, never the writer or its person', () => {
    const doc = laptop.engine.innerDoc;
    const written = rotatePairKey({
      engine: viewOf(laptop).engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'person-left',
      removeDeviceIds: [],
      removePersonIds: [q.personId, p.personId],
      now: AT,
    });
    expect(written).toEqual({ ok: true, epoch: 1 });
    const record = findRotation(doc, 1)!;
    expect(record.removedPersonIds).toEqual([q.personId]);
    expect(record.removedDeviceIds).toEqual([partner.identity.deviceId]);
    expect(Object.keys(record.envelopes).sort()).toEqual(
      [laptop.identity.deviceId, phone.identity.deviceId].sort(),
    );
    expect(findDevice(doc, partner.identity.deviceId)?.removedAt).toBe(AT.toISOString());
    expect(chooseRotation(doc, 1, docRoster(doc, { personId: p.personId, upToEpoch: 1 }))).toEqual(
      record,
    );
  });

  // A version-2 link holds no key, and the rotation that removes a partner's old key runs just
  // before the same partner is admitted by an invite: revoking it here would shut them out.
  it('keeps the open invites open', () => {
    const doc = laptop.engine.innerDoc;
    openInvite(doc, 'open-one');
    rotate(laptop);
    expect(findRotation(doc, 1)?.byDeviceId).toBe(laptop.identity.deviceId);
    expect(listInvites(doc).map((item) => [item.inviteId, item.revokedAt])).toEqual([
      ['open-one', undefined],
    ]);
  });

  // Issue 12: a member that writes a schema version this build refuses must not become
  // impossible to remove ("rotation pending" for ever).
  it.each([2 ** 31, CURRENT_SCHEMA_VERSION + 1, 'x'])(
    'removes a partner who set the schema version to %s, and keeps the open invite',
    async (value) => {
      const doc = laptop.engine.innerDoc;
      openInvite(doc, 'open-one');
      await fixture.settle();
      partner.engine.innerDoc.getMap('meta').set('schemaVersion', value);
      await fixture.settle();
      expect(doc.getMap('meta').get('schemaVersion')).toBe(value);
      expect(canRotate(viewOf(laptop).engine, p.personId)).toEqual({ ok: true });
      const written = rotatePairKey({
        engine: viewOf(laptop).engine,
        identity: laptop.identity,
        personId: p.personId,
        reason: 'person-left',
        removeDeviceIds: [],
        removePersonIds: [q.personId],
        now: AT,
      });
      expect(written).toEqual({ ok: true, epoch: 1 });
      expect(
        chooseRotation(doc, 1, docRoster(doc, { personId: p.personId, upToEpoch: 1 })),
      ).toMatchObject({
        removedDeviceIds: [partner.identity.deviceId],
        removedPersonIds: [q.personId],
      });
      expect(findDevice(doc, partner.identity.deviceId)?.removedAt).toBe(AT.toISOString());
      expect(listInvites(doc)[0]?.revokedAt).toBeUndefined();
    },
  );

  it('refuses with OFFLINE while not synced, and writes nothing', () => {
    const doc = laptop.engine.innerDoc;
    openInvite(doc, 'kept');
    viewOf(laptop).set('offline');
    expect(canRotate(viewOf(laptop).engine, p.personId)).toEqual({ ok: false, code: 'OFFLINE' });
    expect(
      rotatePairKey({
        engine: viewOf(laptop).engine,
        identity: laptop.identity,
        personId: p.personId,
        reason: 'device-removed',
        removeDeviceIds: [phone.identity.deviceId],
        now: AT,
      }),
    ).toEqual({ ok: false, code: 'OFFLINE' });
    expect(findRotation(doc, 1)).toBeUndefined();
    expect(doc.getMap(ROTATIONS_ROOT).size).toBe(0);
    expect(findDevice(doc, phone.identity.deviceId)?.removedAt).toBeUndefined();
    expect(listInvites(doc)[0]?.revokedAt).toBeUndefined();
    // Back on the relay, the same call goes through.
    viewOf(laptop).set('quiet');
    expect(canRotate(viewOf(laptop).engine, p.personId)).toEqual({ ok: true });
    rotate(laptop, [phone]);
    expect(findRotation(doc, 1)?.byDeviceId).toBe(laptop.identity.deviceId);
  });

  it('refuses with ROTATION_PENDING here, on a device that received it, and after a rival', async () => {
    const input = {
      identity: laptop.identity,
      personId: p.personId,
      reason: 'device-removed' as const,
      removeDeviceIds: [phone.identity.deviceId],
    };
    expect(rotatePairKey({ ...input, engine: viewOf(laptop).engine }).ok).toBe(true);
    expect(canRotate(viewOf(laptop).engine, p.personId)).toEqual({
      ok: false,
      code: 'ROTATION_PENDING',
    });
    expect(rotatePairKey({ ...input, engine: viewOf(laptop).engine })).toEqual({
      ok: false,
      code: 'ROTATION_PENDING',
    });
    await fixture.settle();
    expect(
      rotatePairKey({
        ...input,
        identity: partner.identity,
        personId: q.personId,
        engine: viewOf(partner).engine,
      }),
    ).toEqual({ ok: false, code: 'ROTATION_PENDING' });
    // Offline wins over pending: the person is told to connect first.
    viewOf(partner).set('offline');
    expect(canRotate(viewOf(partner).engine, q.personId)).toEqual({ ok: false, code: 'OFFLINE' });
  });
});

describe('chooseRotation', () => {
  // Private notes: a workspace whose only members are one person's devices lists no people.
  it("counts the reader's own person in a doc that lists no people, and no one else", () => {
    const notes = new Y.Doc();
    registerCertified(notes, { person: p, device: laptop.identity });
    registerCertified(notes, { person: p, device: phone.identity });
    const written = rotatePairKey({
      engine: { ...viewOf(laptop).engine, innerDoc: notes },
      identity: laptop.identity,
      personId: p.personId,
      reason: 'device-removed',
      removeDeviceIds: [],
      now: AT,
    });
    expect(written).toEqual({ ok: true, epoch: 1 });
    const record = findRotation(notes, 1)!;
    expect(Object.keys(record.envelopes)).toHaveLength(2);
    expect(
      chooseRotation(notes, 1, docRoster(notes, { personId: p.personId, upToEpoch: 1 })),
    ).toEqual(record);
    expect(
      chooseRotation(notes, 1, docRoster(notes, { personId: q.personId, upToEpoch: 1 })),
    ).toBeUndefined();
    notes.destroy();
  });
});

describe('followRotations', () => {
  let events: Map<TestDevice, RotationEvent[]>;
  let stops: Array<() => void>;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    events = new Map();
    stops = [];
  });

  afterEach(() => {
    for (const stop of stops) stop();
  });

  /** Follows rotations on `devices` (through their views), collecting what each hears. */
  function follow(devices: readonly TestDevice[] = fixture.devices): void {
    for (const device of devices) {
      const heard: RotationEvent[] = [];
      events.set(device, heard);
      stops.push(
        followRotations({
          engine: viewOf(device).engine,
          identity: device.identity,
          personId: personOf(device),
          onEvent: (event) => heard.push(event),
          graceMs: GRACE_MS,
        }),
      );
    }
  }

  function heardBy(device: TestDevice): RotationEvent[] {
    return events.get(device) ?? [];
  }

  /** Lets `ms` of fake time pass, then lets the engines finish what that started. */
  async function pass(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
    await fixture.settle();
  }

  /** Lets grace periods pass until `check` holds; throws (naming `what`) after 50 of them. */
  async function until(check: () => boolean, what: string): Promise<void> {
    for (let round = 0; !check(); round += 1) {
      if (round > 50) throw new Error(`gave up waiting for: ${what}`);
      await pass(GRACE_MS);
    }
  }

  it('moves nobody while not synced or while its writes wait, then everyone together', async () => {
    follow();
    rotate(laptop, [phone]);
    // Written while synced, then the connection dropped before the record was sent.
    viewOf(laptop).set('waiting');
    viewOf(partner).set('offline');
    viewOf(phone).set('offline');
    await fixture.settle();
    await pass(GRACE_MS * 5);
    for (const device of fixture.devices) {
      expect(heardBy(device)).toEqual([]);
      expect(device.engine.room().epoch).toBe(0);
    }

    for (const view of views.values()) view.set('quiet');
    await until(
      () => laptop.engine.room().epoch === 1 && partner.engine.room().epoch === 1,
      'the laptop and the partner roll',
    );
    await until(() => heardBy(phone).length > 0, 'the phone hears');
    const record = findRotation(phone.engine.innerDoc, 1)!;
    expect(heardBy(phone)).toEqual([{ kind: 'removed', record }]);
    expect(phone.engine.room().epoch).toBe(0);
    for (const device of [laptop, partner]) {
      await until(() => heardBy(device).length > 0, 'the roll is reported');
      expect(heardBy(device)).toEqual([{ kind: 'rolled', epoch: 1, record }]);
      expect(device.engine.key()).toEqual(openEnvelope(record, laptop.identity));
    }
    // Later edits in the old room re-run the check: the removal is still reported once.
    phone.engine.innerDoc.getMap('scratch').set('after', 'x');
    await pass(GRACE_MS * 3);
    expect(heardBy(phone)).toHaveLength(1);
  });

  it('moves nobody before the grace period has passed with the records unchanged', async () => {
    follow();
    rotate(laptop);
    await fixture.settle();
    await pass(GRACE_MS - 1);
    for (const device of fixture.devices) {
      expect(heardBy(device)).toEqual([]);
      expect(device.engine.room().epoch).toBe(0);
    }
    await pass(1);
    await until(
      () => fixture.devices.every((device) => heardBy(device).length > 0),
      'every device rolls',
    );
    for (const device of fixture.devices) {
      expect(heardBy(device).map((event) => event.kind)).toEqual(['rolled']);
      expect(device.engine.key()).toEqual(laptop.engine.key());
    }
  });

  it('withdraws a rival that missed the relay and restarts the wait; all follow the first', async () => {
    // The late writer has the lowest id: without its withdrawal every device would follow it,
    // while the early writer may already have moved on its own record.
    const [late, early, bystander] = byDeviceId();
    follow();
    // The late writer's connection dropped right after it wrote: its record never left.
    fixture.relay.setOnline(late.label, false);
    viewOf(late).set('waiting');
    rotate(late);
    viewOf(late).set('offline');
    await fixture.settle();
    rotate(early);
    await fixture.settle();
    await pass(GRACE_MS - 1);
    expect(listRotationsFor(bystander.engine.innerDoc, 1).map((r) => r.byDeviceId)).toEqual([
      early.identity.deviceId,
    ]);

    // It comes back just before the others would move: the rival reaches them, its writer
    // withdraws it, and the records changed twice, so the wait starts again.
    fixture.relay.setOnline(late.label, true);
    viewOf(late).set('quiet');
    await fixture.settle();
    await fixture.settle();
    for (const device of fixture.devices) {
      expect(listRotationsFor(device.engine.innerDoc, 1).map((r) => r.byDeviceId)).toEqual([
        early.identity.deviceId,
      ]);
    }
    await pass(GRACE_MS - 1);
    for (const device of fixture.devices) {
      expect(heardBy(device)).toEqual([]);
      expect(device.engine.room().epoch).toBe(0);
    }

    await until(
      () => fixture.devices.every((device) => heardBy(device).length > 0),
      'every device rolls',
    );
    const record = findRotation(early.engine.innerDoc, 1)!;
    expect(record.byDeviceId).toBe(early.identity.deviceId);
    for (const device of fixture.devices) {
      expect(heardBy(device)).toEqual([{ kind: 'rolled', epoch: 1, record }]);
      expect(device.engine.key()).toEqual(openEnvelope(record, early.identity));
    }
  });

  it('tells a device left without an envelope, though not listed as removed', async () => {
    const attacker = await seededIdentity('rot-attacker');
    // A hostile member swaps the phone's box key: its entry is no longer certified, so the
    // rotation seals it nothing, yet does not list it as removed.
    registerDevice(partner.engine.innerDoc, {
      ...certifiedEntry({ person: p, device: phone.identity }),
      boxPublicKey: toBase64Url(attacker.box.publicKey),
    });
    await fixture.settle();
    follow([phone]);
    rotatePairKey({
      engine: viewOf(laptop).engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'person-left',
      removeDeviceIds: [],
      now: AT,
    });
    await fixture.settle();
    await until(() => heardBy(phone).length > 0, 'the phone hears');
    const record = findRotation(phone.engine.innerDoc, 1)!;
    expect(record.removedDeviceIds).toEqual([]);
    expect(record.envelopes[phone.identity.deviceId]).toBeUndefined();
    expect(heardBy(phone)).toEqual([{ kind: 'removed', record }]);
    expect(phone.engine.room().epoch).toBe(0);
  });

  it('ignores a record by a device marked removed, though its writer id is lowest', async () => {
    // The rogue (lowest id) is cut off and, hostile, never withdraws what it wrote: a rotation
    // to a key it chose, which would keep it in the pair.
    const [rogue, remover, bystander] = byDeviceId();
    follow([remover, bystander]);
    fixture.relay.setOnline(rogue.label, false);
    rotate(rogue);
    await fixture.settle();
    rotate(remover, [rogue]);
    await fixture.settle();
    fixture.relay.setOnline(rogue.label, true);
    await fixture.settle();
    expect(listRotationsFor(bystander.engine.innerDoc, 1).map((r) => r.byDeviceId)).toEqual([
      rogue.identity.deviceId,
      remover.identity.deviceId,
    ]);
    expect(findDevice(bystander.engine.innerDoc, rogue.identity.deviceId)?.removedAt).toBeDefined();

    await until(
      () => [remover, bystander].every((device) => heardBy(device).length > 0),
      'both remaining devices roll',
    );
    const followed = listRotationsFor(remover.engine.innerDoc, 1)[1]!;
    expect(followed.byDeviceId).toBe(remover.identity.deviceId);
    for (const device of [remover, bystander]) {
      expect(heardBy(device)).toEqual([{ kind: 'rolled', epoch: 1, record: followed }]);
      expect(device.engine.key()).toEqual(openEnvelope(followed, remover.identity));
    }
  });

  // Any member can mark any device removed (a plain write to `devices`): such a mark must not
  // void a rotation, or the device being removed could keep reading the pair.
  it('does not let the device being removed void its removal by marking the writer removed', async () => {
    follow([laptop, partner]);
    rotate(laptop, [phone]);
    await fixture.settle();
    markDeviceRemoved(phone.engine.innerDoc, {
      deviceId: laptop.identity.deviceId,
      at: AT.toISOString(),
    });
    await fixture.settle();
    await until(
      () => [laptop, partner].every((device) => heardBy(device).length > 0),
      'the remaining devices roll',
    );
  });

  /** Expects that no device moved and none was told it was removed. */
  function expectNobodyMoved(): void {
    for (const device of fixture.devices) {
      expect(heardBy(device)).toEqual([]);
      expect(device.engine.room().epoch).toBe(0);
    }
  }

  /** Waits until every device rolled, then expects each on `record`'s key. */
  async function expectAllRolledOn(record: RotationRecord, writer: DeviceIdentity): Promise<void> {
    await until(
      () => fixture.devices.every((device) => heardBy(device).length > 0),
      'every device rolls',
    );
    for (const device of fixture.devices) {
      expect(heardBy(device)).toEqual([{ kind: 'rolled', epoch: 1, record }]);
      expect(device.engine.key()).toEqual(openEnvelope(record, writer));
    }
  }

  // What makes the forgeries below fail must be the check each one names: a record made by
  // `writtenAside` and planted the same way, by a writer that passes every check, is followed.
  it('follows a genuine record planted the same way as the forgeries', async () => {
    const genuine = writtenAside({
      device: partner,
      identity: laptop.identity,
      personId: p.personId,
    });
    follow();
    plant(partner.engine.innerDoc, genuine);
    await fixture.settle();
    await expectAllRolledOn(genuine, laptop.identity);
  });

  describe.each([
    ['its own signature over other content', 'tampered'],
    ['no signature', 'unsigned'],
    ['the signature of another device', 'other-signer'],
  ] as const)('a record filed under the laptop, with forged content and %s', (_, how) => {
    /** The forgery, planted by the partner's device under `1/${laptop id}`. */
    async function forged(): Promise<RotationRecord> {
      if (how === 'other-signer') {
        // The partner's device signs, with its own key, a record that names the laptop as its
        // writer (the envelopes go to every device's real box key: all of them would open one).
        const impostor = { ...partner.identity, deviceId: laptop.identity.deviceId };
        return writtenAside({ device: partner, identity: impostor, personId: q.personId });
      }
      // The laptop's genuine record, its envelopes swapped for a key of the partner's choosing.
      const genuine = writtenAside({
        device: partner,
        identity: laptop.identity,
        personId: p.personId,
      });
      const tampered = { ...genuine, envelopes: sealedToAll(generateWorkspaceKey()) };
      if (how === 'tampered') return tampered;
      const { signature: _signature, ...unsigned } = tampered;
      return unsigned;
    }

    it('moves nobody and tells nobody it was removed', async () => {
      const record = await forged();
      expect(record.byDeviceId).toBe(laptop.identity.deviceId);
      for (const device of fixture.devices) {
        expect(openEnvelope(record, device.identity)).toHaveLength(32);
      }
      follow();
      plant(partner.engine.innerDoc, record);
      await fixture.settle();
      expect(listRotationsFor(laptop.engine.innerDoc, 1)).toEqual([record]);
      await pass(GRACE_MS * 5);
      expectNobodyMoved();
      expect(
        chooseRotation(
          laptop.engine.innerDoc,
          1,
          docRoster(laptop.engine.innerDoc, { personId: p.personId, upToEpoch: 1 }),
        ),
      ).toBeUndefined();
      expect(canRotate(viewOf(phone).engine, p.personId)).toEqual({ ok: true });
    });

    // A forgery in the laptop's slot must not stop the laptop from writing its own record.
    it('does not stop the laptop from writing its own rotation', async () => {
      plant(partner.engine.innerDoc, await forged());
      await fixture.settle();
      expect(canRotate(viewOf(laptop).engine, p.personId)).toEqual({ ok: true });
      rotate(laptop);
      expect(
        chooseRotation(
          laptop.engine.innerDoc,
          1,
          docRoster(laptop.engine.innerDoc, { personId: p.personId, upToEpoch: 1 }),
        )?.byDeviceId,
      ).toBe(laptop.identity.deviceId);
    });

    it('is passed over for a rotation by another device of the pair', async () => {
      follow();
      plant(partner.engine.innerDoc, await forged());
      await fixture.settle();
      rotate(phone);
      await fixture.settle();
      const followed = listRotationsFor(laptop.engine.innerDoc, 1).find(
        (record) => record.byDeviceId === phone.identity.deviceId,
      )!;
      await expectAllRolledOn(followed, phone.identity);
    });
  });

  describe.each([
    ['not registered', false],
    ['registered with a certificate that does not verify', true],
  ] as const)('a record signed by its writer, a writer %s', (_, registered) => {
    /** A signed record for epoch 1 by the lowest device id there is, sealing its key to all. */
    async function forged(): Promise<RotationRecord> {
      const writer = await lowestIdentity('rot-forger');
      if (registered) {
        const entry = certifiedEntry({ person: q, device: writer });
        // The certificate of another device: well formed, but not over this id and box key.
        const certificate = certifiedEntry({ person: q, device: partner.identity }).certificate;
        expect(registerDevice(partner.engine.innerDoc, { ...entry, certificate })).toEqual({
          ok: true,
        });
        await fixture.settle();
      }
      const record = writtenAside({ device: partner, identity: writer, personId: q.personId });
      expect(Object.keys(record.envelopes)).toHaveLength(4);
      return record;
    }

    it('moves nobody and tells nobody it was removed', async () => {
      const record = await forged();
      follow();
      plant(partner.engine.innerDoc, record);
      await fixture.settle();
      expect(findRotation(laptop.engine.innerDoc, 1)).toEqual(record);
      await pass(GRACE_MS * 5);
      expectNobodyMoved();
    });

    // Followers ignore this record, and it must not make a real rotation wait for it either.
    it('does not block a real rotation', async () => {
      plant(partner.engine.innerDoc, await forged());
      await fixture.settle();
      expect(canRotate(viewOf(laptop).engine, p.personId)).toEqual({ ok: true });
    });

    it('is passed over for the record of a certified writer', async () => {
      const record = await forged();
      follow();
      rotate(laptop);
      await fixture.settle();
      plant(partner.engine.innerDoc, record);
      await fixture.settle();
      expect(listRotationsFor(phone.engine.innerDoc, 1)[0]).toEqual(record);
      const followed = listRotationsFor(phone.engine.innerDoc, 1)[1]!;
      expect(followed.byDeviceId).toBe(laptop.identity.deviceId);
      await expectAllRolledOn(followed, laptop.identity);
    });
  });

  describe('a record by a stranger: a device certified by its own person, not one of the pair', () => {
    /** The stranger's signed record, its device registered (by anyone with the epoch key). */
    async function strangerRecord(): Promise<RotationRecord> {
      const stranger = await seededPerson('rot-stranger');
      const device = await lowestIdentity('rot-stranger-device');
      registerCertified(partner.engine.innerDoc, { person: stranger, device });
      await fixture.settle();
      const entry = findDevice(laptop.engine.innerDoc, device.deviceId)!;
      expect(isDeviceCertified(entry)).toBe(true);
      const record = writtenAside({
        device: partner,
        identity: device,
        personId: stranger.personId,
      });
      // Signed and certified: only the stranger's own person would count it.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(laptop.engine.innerDoc));
      plant(copy, record);
      expect(
        chooseRotation(copy, 1, docRoster(copy, { personId: stranger.personId, upToEpoch: 1 })),
      ).toEqual(record);
      copy.destroy();
      return record;
    }

    it('moves nobody and tells nobody it was removed', async () => {
      const record = await strangerRecord();
      follow();
      plant(partner.engine.innerDoc, record);
      await fixture.settle();
      expect(findRotation(laptop.engine.innerDoc, 1)).toEqual(record);
      await pass(GRACE_MS * 5);
      expectNobodyMoved();
      expect(canRotate(viewOf(laptop).engine, p.personId)).toEqual({ ok: true });
    });

    it('is passed over for the record of one of the pair', async () => {
      const record = await strangerRecord();
      follow();
      rotate(laptop);
      await fixture.settle();
      plant(partner.engine.innerDoc, record);
      await fixture.settle();
      expect(listRotationsFor(phone.engine.innerDoc, 1)[0]).toEqual(record);
      const followed = listRotationsFor(phone.engine.innerDoc, 1)[1]!;
      expect(followed.byDeviceId).toBe(laptop.identity.deviceId);
      await expectAllRolledOn(followed, laptop.identity);
    });
  });

  // `person-left` removes a person, every device of theirs present or future: a device they
  // certify after the removal and that answers with its own record (lowest id, sealed to all)
  // must be set aside, or the person removed would choose the pair's next key.
  it('sets aside the record of a device the removed person certified afterwards', async () => {
    follow();
    const written = rotatePairKey({
      engine: viewOf(laptop).engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'person-left',
      removeDeviceIds: [],
      removePersonIds: [q.personId],
      now: AT,
    });
    expect(written).toEqual({ ok: true, epoch: 1 });
    await fixture.settle();
    const newcomer = await lowestIdentity('rot-q-newcomer');
    registerCertified(partner.engine.innerDoc, { person: q, device: newcomer });
    await fixture.settle();
    const rival = writtenAside({ device: partner, identity: newcomer, personId: q.personId });
    expect(openEnvelope(rival, laptop.identity)).toHaveLength(32);
    expect(openEnvelope(rival, phone.identity)).toHaveLength(32);
    plant(partner.engine.innerDoc, rival);
    await fixture.settle();
    const records = listRotationsFor(phone.engine.innerDoc, 1);
    expect(records.map((record) => record.byDeviceId)).toEqual([
      newcomer.deviceId,
      laptop.identity.deviceId,
    ]);
    const followed = records[1]!;
    expect(followed.removedPersonIds).toEqual([q.personId]);
    expect(followed.envelopes[newcomer.deviceId]).toBeUndefined();
    expect(followed.envelopes[partner.identity.deviceId]).toBeUndefined();

    await until(
      () => fixture.devices.every((device) => heardBy(device).length > 0),
      'every device hears',
    );
    for (const device of [laptop, phone]) {
      expect(heardBy(device)).toEqual([{ kind: 'rolled', epoch: 1, record: followed }]);
      expect(device.engine.key()).toEqual(openEnvelope(followed, laptop.identity));
      expect(device.engine.key()).not.toEqual(openEnvelope(rival, laptop.identity));
    }
    expect(heardBy(partner)).toEqual([{ kind: 'removed', record: followed }]);
    expect(partner.engine.room().epoch).toBe(0);
  });
});
