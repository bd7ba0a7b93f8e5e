// Rotation in a pair with a membership chain (issue 12): who gets the new key, whose records
// count, and that nothing a member writes outside a signed record can block a removal. P has a
// laptop and a phone, Q a device; X holds the epoch key (a stale link, a stolen backup) but is
// in no chain record. Over the in-memory relay; connections switched by the test (`relayView`).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fromBase64Url,
  openSealedToDevice,
  type PersonIdentity,
  type WorkspaceId,
} from '$lib/crypto';
import {
  admitRecord,
  certifyThisDevice,
  genesisRecord,
  removalRecords,
  writeChain,
} from '$lib/state/identity/pairChain';
import { chainRoster } from '$lib/state/identity/pairRoster';
import { canRotate, chooseRotation, rotatePairKey } from '$lib/state/identity/pairRotation';
import type { Membership } from '$lib/sync/membership';
import { listRotationsFor } from '$lib/workspace';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceId } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';
import { registerCertified, relayView, seededPerson } from './identityFixture';

const NAME = 'chain-rotation';
const AT = new Date('2025-03-01T12:00:00.000Z');

let workspaceId: WorkspaceId;
let p: PersonIdentity;
let q: PersonIdentity;
let x: PersonIdentity;
let fixture: PairFixture;
let laptop: TestDevice;
let phone: TestDevice;
let partner: TestDevice;
let stranger: TestDevice;

function membershipOf(device: TestDevice): Membership {
  const membership = device.engine.membership();
  if (!membership) throw new Error(`${device.label} follows no chain`);
  return membership;
}

/** What the app does on open: the device files itself (the founder writes the genesis first). */
function certify(device: TestDevice, person: PersonIdentity, role: 'mentor' | 'mentee'): void {
  const input = { workspaceId, person, device: device.identity, role };
  while (certifyThisDevice(device.engine.innerDoc, membershipOf(device), input));
}

beforeEach(async () => {
  workspaceId = await seededWorkspaceId(NAME);
  [p, q, x] = await Promise.all([
    seededPerson('chain-rot-p'),
    seededPerson('chain-rot-q'),
    seededPerson('chain-rot-x'),
  ]);
  const root = genesisRecord({ workspaceId, person: p, role: 'mentor' }).hash;
  fixture = await createPairFixture(['cr-laptop', 'cr-phone', 'cr-partner', 'cr-stranger'], {
    name: NAME,
    chainRoot: root,
  });
  [laptop, phone, partner, stranger] = fixture.devices as [
    TestDevice,
    TestDevice,
    TestDevice,
    TestDevice,
  ];
  certify(laptop, p, 'mentor');
  const signer = { workspaceId, person: p, at: AT };
  writeChain(laptop.engine.innerDoc, [
    admitRecord(membershipOf(laptop), { ...signer, personId: q.personId, role: 'mentee' }),
  ]);
  await fixture.settle();
  certify(phone, p, 'mentor');
  certify(partner, q, 'mentee');
  await fixture.settle();
});

afterEach(async () => {
  await fixture.dispose();
});

describe('rotation in a chain pair', () => {
  it('seals the new key only to devices the chain counts, and records the removal there', async () => {
    // The stranger lists itself in the doc's device registry, certified by its own person key.
    registerCertified(stranger.engine.innerDoc, { person: x, device: stranger.identity });
    await fixture.settle();
    const view = relayView(laptop.engine, 'quiet');
    const membership = membershipOf(laptop);
    const written = rotatePairKey({
      engine: view.engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'device-removed',
      removeDeviceIds: [phone.identity.deviceId],
      alsoWrite: (removed) =>
        writeChain(
          laptop.engine.innerDoc,
          removalRecords(membership, { workspaceId, person: p, at: AT, ...removed }),
        ),
      now: AT,
    });
    expect(written).toEqual({ ok: true, epoch: 1 });
    const record = chooseRotation(laptop.engine.innerDoc, 1, chainRoster(membershipOf(laptop)));
    expect(Object.keys(record?.envelopes ?? {}).sort()).toEqual(
      [laptop.identity.deviceId, partner.identity.deviceId].sort(),
    );
    expect(membershipOf(laptop).removedDevices.has(phone.identity.deviceId)).toBe(true);
    // The partner opens its envelope; the chain it derives agrees on who is out.
    await fixture.settle();
    const sealed = fromBase64Url(record!.envelopes[partner.identity.deviceId]!)!;
    expect(openSealedToDevice({ sealed, keyPair: partner.identity.box }).ok).toBe(true);
    expect(membershipOf(partner).formerDevices.has(phone.identity.deviceId)).toBe(true);
  });

  it('follows no rotation by a key holder outside the chain, and its blob never applies', async () => {
    const view = relayView(stranger.engine, 'quiet');
    const written = rotatePairKey({
      engine: view.engine,
      identity: stranger.identity,
      personId: x.personId,
      reason: 'person-left',
      removeDeviceIds: [],
      removePersonIds: [q.personId],
      now: AT,
    });
    // It can write the record into its own doc (raw Yjs would do as much)…
    expect(written.ok).toBe(true);
    const planted = stranger.engine.innerDoc;
    expect(listRotationsFor(planted, 1)).toHaveLength(1);
    // …but the record counts under no roster a chain gives, not even the stranger's own view.
    expect(chooseRotation(planted, 1, chainRoster(membershipOf(laptop)))).toBeUndefined();
    expect(chooseRotation(planted, 1, chainRoster(membershipOf(stranger)))).toBeUndefined();
    await fixture.settle();
    // And its blob is refused: the honest doc never sees the record, and nothing moves.
    expect(listRotationsFor(laptop.engine.innerDoc, 1)).toHaveLength(0);
    expect(canRotate(relayView(laptop.engine, 'quiet').engine, p.personId)).toEqual({ ok: true });
    expect(membershipOf(laptop).persons.has(q.personId)).toBe(true);
  });

  it.each([2 ** 31, 'x'])('removes a partner who set the schema version to %s', async (value) => {
    partner.engine.innerDoc.getMap('meta').set('schemaVersion', value);
    await fixture.settle();
    expect(laptop.engine.innerDoc.getMap('meta').get('schemaVersion')).toBe(value);
    const membership = membershipOf(laptop);
    const written = rotatePairKey({
      engine: relayView(laptop.engine, 'quiet').engine,
      identity: laptop.identity,
      personId: p.personId,
      reason: 'person-left',
      removeDeviceIds: [],
      removePersonIds: [q.personId],
      alsoWrite: (removed) =>
        writeChain(
          laptop.engine.innerDoc,
          removalRecords(membership, { workspaceId, person: p, at: AT, ...removed }),
        ),
      now: AT,
    });
    expect(written).toEqual({ ok: true, epoch: 1 });
    const after = membershipOf(laptop);
    expect(after.formerPersons.has(q.personId)).toBe(true);
    const record = chooseRotation(laptop.engine.innerDoc, 1, chainRoster(after));
    expect(record?.envelopes[partner.identity.deviceId]).toBeUndefined();
    expect(record?.removedPersonIds).toEqual([q.personId]);
  });
});
