// rotatePairKey and followRotations without a relay server: which devices the new epoch key is
// sealed to (certified, not removed, the writer itself), what a device with no envelope hears,
// and that nobody rolls while the record has not reached the relay. The flows through the real
// relay (rolling, reading after the rotation) are in tests/server/identityFlows.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fromBase64Url,
  openSealedToDevice,
  toBase64Url,
  type DeviceIdentity,
  type PersonIdentity,
} from '$lib/crypto';
import {
  followRotations,
  rotatePairKey,
  type RotationEvent,
} from '$lib/state/identity/pairRotation';
import { findDevice, findRotation, registerDevice, type RotationRecord } from '$lib/workspace';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededIdentity } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';
import { certifiedEntry, registerCertified, seededPerson } from './identityFixture';

const AT = new Date('2025-03-01T12:00:00.000Z');

let fixture: PairFixture;
let laptop: TestDevice; // person P
let phone: TestDevice; // person P
let partner: TestDevice; // person Q
let p: PersonIdentity;
let q: PersonIdentity;

beforeEach(async () => {
  fixture = await createPairFixture(['rot-laptop', 'rot-phone', 'rot-partner'], { name: 'rot' });
  [laptop, phone, partner] = fixture.devices as [TestDevice, TestDevice, TestDevice];
  p = await seededPerson('rot-p');
  q = await seededPerson('rot-q');
  registerCertified(laptop.engine.innerDoc, { person: p, device: laptop.identity });
  registerCertified(phone.engine.innerDoc, { person: p, device: phone.identity });
  registerCertified(partner.engine.innerDoc, { person: q, device: partner.identity });
  await fixture.settle();
});

afterEach(async () => {
  await fixture.dispose();
});

/** Opens `record`'s envelope for `device`, or undefined. */
function openEnvelope(record: RotationRecord, device: DeviceIdentity): Uint8Array | undefined {
  const sealed = fromBase64Url(record.envelopes[device.deviceId] ?? '');
  if (!sealed) return undefined;
  const opened = openSealedToDevice({ sealed, keyPair: device.box });
  return opened.ok ? opened.message : undefined;
}

describe('rotatePairKey', () => {
  it('seals one new key to the writer and every remaining certified device', () => {
    const written = rotatePairKey({
      engine: laptop.engine,
      identity: laptop.identity,
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
        engine: laptop.engine,
        identity: laptop.identity,
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
      engine: laptop.engine,
      identity: laptop.identity,
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

  it('never removes the writer itself', () => {
    rotatePairKey({
      engine: laptop.engine,
      identity: laptop.identity,
      reason: 'device-removed',
      removeDeviceIds: [laptop.identity.deviceId],
      now: AT,
    });
    const record = findRotation(laptop.engine.innerDoc, 1)!;
    expect(record.removedDeviceIds).toEqual([]);
    expect(openEnvelope(record, laptop.identity)).toHaveLength(32);
    expect(findDevice(laptop.engine.innerDoc, laptop.identity.deviceId)?.removedAt).toBeUndefined();
  });

  it('refuses a second rotation to the same epoch, here or on a device that received it', async () => {
    const input = {
      identity: laptop.identity,
      reason: 'device-removed' as const,
      removeDeviceIds: [phone.identity.deviceId],
    };
    expect(rotatePairKey({ ...input, engine: laptop.engine }).ok).toBe(true);
    expect(rotatePairKey({ ...input, engine: laptop.engine })).toEqual({
      ok: false,
      code: 'ROTATION_PENDING',
    });
    await fixture.settle();
    expect(rotatePairKey({ ...input, identity: partner.identity, engine: partner.engine })).toEqual(
      { ok: false, code: 'ROTATION_PENDING' },
    );
  });
});

describe('followRotations without a synced relay', () => {
  it('tells a device with no envelope that it was removed, once, and nobody rolls', async () => {
    const events = new Map<string, RotationEvent[]>();
    const stops = fixture.devices.map((device) => {
      const seen: RotationEvent[] = [];
      events.set(device.label, seen);
      return followRotations({
        engine: device.engine,
        identity: device.identity,
        onEvent: (event) => seen.push(event),
      });
    });
    try {
      rotatePairKey({
        engine: laptop.engine,
        identity: laptop.identity,
        reason: 'device-removed',
        removeDeviceIds: [phone.identity.deviceId],
        now: AT,
      });
      await fixture.settle();
      // Later edits in the old room re-run the check: the removal is still reported once.
      phone.engine.innerDoc.getMap('scratch').set('after', 'x');
      await fixture.settle();

      expect(findRotation(phone.engine.innerDoc, 1)).toBeDefined();
      expect(events.get(phone.label)).toEqual([
        { kind: 'removed', record: findRotation(phone.engine.innerDoc, 1) },
      ]);
      // The in-memory relay never reports 'synced': the record may not be on a relay, so the
      // devices that hold an envelope wait in the old epoch instead of stranding it.
      expect(events.get(laptop.label)).toEqual([]);
      expect(events.get(partner.label)).toEqual([]);
      for (const device of fixture.devices) expect(device.engine.room().epoch).toBe(0);
    } finally {
      for (const stop of stops) stop();
    }
  });

  // KNOWN BUG (src/lib/state/identity/pairRotation.ts, followRotations, the `!envelope` branch):
  // the contract says a device with no envelope in the next epoch's record learns it was
  // removed, but the event is sent only when the record also lists it in `removedDeviceIds`.
  // A device left without an envelope for another reason (here: a hostile member swapped its
  // box key, so its entry is no longer certified) hears nothing and stays in the old room
  // silently, believing it is still in the pair. Remove `.fails` once it is told.
  it.fails(
    'tells a device left without an envelope for any reason, not only when listed',
    async () => {
      const attacker = await seededIdentity('rot-attacker');
      registerDevice(partner.engine.innerDoc, {
        ...certifiedEntry({ person: p, device: phone.identity }),
        boxPublicKey: toBase64Url(attacker.box.publicKey),
      });
      await fixture.settle();
      const heard: RotationEvent[] = [];
      const stop = followRotations({
        engine: phone.engine,
        identity: phone.identity,
        onEvent: (event) => heard.push(event),
      });
      try {
        rotatePairKey({
          engine: laptop.engine,
          identity: laptop.identity,
          reason: 'person-left',
          removeDeviceIds: [],
          now: AT,
        });
        await fixture.settle();
        const record = findRotation(phone.engine.innerDoc, 1);
        expect(record?.envelopes[phone.identity.deviceId]).toBeUndefined();
        expect(heard.map((event) => event.kind)).toEqual(['removed']);
      } finally {
        stop();
      }
    },
  );
});
