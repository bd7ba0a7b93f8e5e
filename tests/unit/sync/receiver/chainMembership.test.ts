// The engine accepts blobs only from devices its membership chain counts (issue 12): records
// signed by person keys from the genesis every device anchored. Every device here holds the
// epoch key, as a stale link, a removed device before the rotation or a stolen backup would:
// holding it is not membership. The chain's records are planted with raw Yjs where the test says,
// as any writer can. Over the in-memory relay that delivers at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceIdentity, PersonIdentity, WorkspaceId } from '$lib/crypto';
import {
  MEMBERSHIP_MAP_NAME,
  signChainRecord,
  ownDeviceBody,
  writeChainRecord,
  type ChainBody,
  type ChainRecord,
  type Membership,
} from '$lib/sync/membership';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceId, seededWorkspaceKey } from '../../../support/harness/seededIdentity';
import { createTestDevice, type TestDevice } from '../../../support/harness/testDevice';
import { seededPerson } from '../../state/identity/identityFixture';

const NAME = 'chain-engine';

let workspaceId: WorkspaceId;
let p: PersonIdentity; // the mentor, who founded the pair
let q: PersonIdentity; // the mentee
let x: PersonIdentity; // a stranger who holds the epoch key
let genesis: ChainRecord;
let fixture: PairFixture;
let laptop: TestDevice; // P's
let partner: TestDevice; // Q's
let stranger: TestDevice; // X's

function record(person: PersonIdentity, parents: readonly string[], body: ChainBody): ChainRecord {
  return signChainRecord({ workspaceId, person, parents, at: 1_700_000_000, body });
}

function deviceRecord(
  author: PersonIdentity,
  owner: PersonIdentity,
  device: DeviceIdentity,
  parents: readonly string[],
): ChainRecord {
  return record(author, parents, ownDeviceBody(owner, device));
}

function membershipOf(device: TestDevice): Membership {
  const membership = device.engine.membership();
  if (!membership) throw new Error(`${device.label} follows no chain`);
  return membership;
}

function write(device: TestDevice, records: readonly ChainRecord[]): void {
  device.engine.innerDoc.transact(() => {
    for (const each of records) writeChainRecord(device.engine.innerDoc, each);
  });
}

function note(device: TestDevice, text: string): void {
  device.engine.innerDoc.getMap('notes').set(text, text);
}

const notesOf = (device: TestDevice) => [...device.engine.innerDoc.getMap('notes').keys()].sort();

beforeEach(async () => {
  workspaceId = await seededWorkspaceId(NAME);
  p = await seededPerson('chain-p');
  q = await seededPerson('chain-q');
  x = await seededPerson('chain-x');
  genesis = signChainRecord({
    workspaceId,
    person: p,
    parents: [],
    at: 0,
    body: { type: 'genesis', role: 'mentor' },
  });
  fixture = await createPairFixture(['chain-laptop', 'chain-partner', 'chain-stranger'], {
    name: NAME,
    chainRoot: genesis.hash,
    // The stored device lists name everyone: with a chain they must not count.
  });
  [laptop, partner, stranger] = fixture.devices as [TestDevice, TestDevice, TestDevice];
  write(laptop, [genesis, deviceRecord(p, p, laptop.identity, [genesis.hash])]);
  await fixture.settle();
});

afterEach(async () => {
  await fixture.dispose();
});

describe('a chain workspace', () => {
  it('counts the founder on every device once its records arrive', () => {
    for (const device of fixture.devices) {
      const membership = membershipOf(device);
      expect(membership.rootFound).toBe(true);
      expect([...membership.persons.keys()]).toEqual([p.personId]);
      expect([...membership.devices.keys()]).toEqual([laptop.identity.deviceId]);
    }
  });

  it('quarantines the blobs of a key holder outside the chain, whatever it writes itself', async () => {
    // The stranger admits itself and files its own device, signed with its own person key.
    const heads = membershipOf(stranger).heads;
    write(stranger, [
      record(x, heads, { type: 'admit', personId: x.personId, role: 'mentee' }),
      deviceRecord(x, x, stranger.identity, heads),
    ]);
    note(stranger, 'from the stranger');
    await fixture.settle();
    expect(notesOf(laptop)).toEqual([]);
    expect(membershipOf(laptop).persons.has(x.personId)).toBe(false);
    expect(laptop.engine.status.get().quarantined).toBeGreaterThan(0);
  });

  it('lets a stranger remove nobody', async () => {
    const heads = membershipOf(stranger).heads;
    write(stranger, [
      record(x, heads, { type: 'remove-person', personId: p.personId }),
      record(x, heads, { type: 'remove-device', deviceId: laptop.identity.deviceId }),
    ]);
    await fixture.settle();
    const membership = membershipOf(laptop);
    expect(membership.persons.has(p.personId)).toBe(true);
    expect(membership.devices.has(laptop.identity.deviceId)).toBe(true);
  });

  it('applies a joiner once a member admits it, including what it wrote before', async () => {
    // The joiner files its own device and writes before the admission reaches anyone.
    write(partner, [deviceRecord(q, q, partner.identity, membershipOf(partner).heads)]);
    note(partner, 'written while waiting');
    await fixture.settle();
    expect(notesOf(laptop)).toEqual([]);

    write(laptop, [
      record(p, membershipOf(laptop).heads, {
        type: 'admit',
        personId: q.personId,
        role: 'mentee',
      }),
    ]);
    await fixture.settle();
    expect(notesOf(laptop)).toEqual(['written while waiting']);
    note(partner, 'after');
    await fixture.settle();
    expect(notesOf(laptop)).toEqual(['after', 'written while waiting']);
    expect(membershipOf(partner).devices.has(partner.identity.deviceId)).toBe(true);
  });

  it('takes the chain from the blobs of devices it does not know yet (a fresh joiner)', async () => {
    note(laptop, 'before the join');
    await fixture.settle();
    // A device that reaches the room only now, with an empty doc: everything comes in one sync.
    const late = await createTestDevice({
      label: 'chain-late',
      workspace: {
        workspaceId,
        key: await seededWorkspaceKey(`${NAME}/0`),
        clock: fixture.clock,
        chainRoot: genesis.hash,
      },
      devices: [],
    });
    try {
      fixture.relay.attach(late.label, late.engine);
      await fixture.settle();
      await late.engine.whenSettled();
      expect(membershipOf(late).devices.has(laptop.identity.deviceId)).toBe(true);
      expect(notesOf(late)).toEqual(['before the join']);
    } finally {
      await late.dispose();
    }
  });

  it('puts back a verified record a member deletes from the doc', async () => {
    write(laptop, [
      record(p, membershipOf(laptop).heads, {
        type: 'admit',
        personId: q.personId,
        role: 'mentee',
      }),
    ]);
    write(partner, [deviceRecord(q, q, partner.identity, [genesis.hash])]);
    await fixture.settle();
    // The partner, a member now, deletes the genesis with raw Yjs.
    partner.engine.innerDoc.getMap(MEMBERSHIP_MAP_NAME).delete(genesis.hash);
    await fixture.settle();
    for (const device of [laptop, partner]) {
      expect(device.engine.innerDoc.getMap(MEMBERSHIP_MAP_NAME).has(genesis.hash)).toBe(true);
      expect(membershipOf(device).rootFound).toBe(true);
    }
  });

  it('refuses an entry filed under a key that is not its hash', async () => {
    const admit = record(p, membershipOf(laptop).heads, {
      type: 'admit',
      personId: q.personId,
      role: 'mentee',
    });
    // The right bytes under a wrong name, as a hostile writer could file them.
    laptop.engine.innerDoc.getMap(MEMBERSHIP_MAP_NAME).set('x'.repeat(43), admit.bytes);
    await fixture.settle();
    expect(membershipOf(laptop).persons.has(q.personId)).toBe(false);
  });
});
