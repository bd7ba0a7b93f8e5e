// deriveMembership: who counts as a member and which devices are active, from the records
// alone. Each rule is attacked with records a hostile key holder or a removed member could sign.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto, type PersonIdentity } from '$lib/crypto';
import {
  chainHeads,
  compareChainHashes,
  deriveMembership,
  isActiveDevice,
  type ChainProblemCode,
  type ChainRecord,
} from '$lib/sync/membership';
import { placeChainRecords } from '$lib/sync/membership/placeChainRecords';
import {
  admit,
  device,
  fileDevice,
  genesis,
  person,
  removeDevice,
  removePerson,
  sign,
} from './chainFixture';

beforeAll(readyCrypto);

const derive = (root: ChainRecord, records: readonly ChainRecord[]) =>
  deriveMembership({ root: root.hash, records });
const problemOf = (membership: ReturnType<typeof derive>, record: ChainRecord) =>
  membership.problems.find((problem) => problem.hash === record.hash)?.code;
const members = (membership: ReturnType<typeof derive>) =>
  Object.fromEntries([...membership.persons].map(([id, { role }]) => [id, role]));
/** The walk order of `records` (what rule 3 fixes), for checking a test's precondition. */
const walkOrder = (root: ChainRecord, records: readonly ChainRecord[]) =>
  placeChainRecords(new Map(records.map((record) => [record.hash, record])), root.hash).order;

/** A record signed at `at` = 1, 2, … until `accept` holds: steers hash order deterministically. */
function grind(make: (at: number) => ChainRecord, accept: (record: ChainRecord) => boolean) {
  for (let at = 1; at < 10_000; at += 1) {
    const record = make(at);
    if (accept(record)) return record;
  }
  throw new Error('grind: no record satisfied the condition');
}

let ana: PersonIdentity;
let ben: PersonIdentity;
let cal: PersonIdentity;
let eve: PersonIdentity;
let root: ChainRecord;
let admitBen: ChainRecord;

beforeAll(() => {
  [ana, ben, cal, eve] = ['ana', 'ben', 'cal', 'eve'].map(person) as [
    PersonIdentity,
    PersonIdentity,
    PersonIdentity,
    PersonIdentity,
  ];
  root = genesis(ana, 'mentor');
  admitBen = admit(ana, [root], ben, 'mentee');
});

describe('anchoring', () => {
  it('counts only the anchored genesis; another is FOREIGN_GENESIS with its descendants', () => {
    const foreign = genesis(eve, 'mentor');
    const foreignAdmit = admit(eve, [foreign], cal, 'mentee');
    const membership = derive(root, [foreign, foreignAdmit, root]);
    expect(membership.rootFound).toBe(true);
    expect(membership.rootPersonId).toBe(ana.personId);
    expect(membership.kind).toBe('mentor');
    expect(members(membership)).toEqual({ [ana.personId]: 'mentor' });
    expect(problemOf(membership, foreign)).toBe('FOREIGN_GENESIS');
    expect(problemOf(membership, foreignAdmit)).toBe('MISSING_PARENT');
    expect(membership.heads).toEqual([root.hash]);
    // Anchored at eve's genesis instead, eve's chain is the one that counts.
    expect(members(derive(foreign, [foreign, foreignAdmit, root]))).toEqual({
      [eve.personId]: 'mentor',
      [cal.personId]: 'mentee',
    });
  });

  it('has no members when the root is absent or is not a genesis', () => {
    const absent = deriveMembership({ root: root.hash, records: [admitBen] });
    expect(absent).toMatchObject({
      rootFound: false,
      heads: [],
      problems: [{ hash: admitBen.hash, code: 'MISSING_PARENT' }],
    });
    expect(absent.persons.size + absent.devices.size + absent.formerPersons.size).toBe(0);
    const notGenesis = deriveMembership({ root: admitBen.hash, records: [root, admitBen] });
    expect(notGenesis.rootFound).toBe(false);
    expect(notGenesis.persons.size).toBe(0);
    expect(problemOf(notGenesis, admitBen)).toBe('BAD_ROOT');
  });
});

describe('admission and removal', () => {
  it('admits a mentee; the admission is the new head', () => {
    const membership = derive(root, [root, admitBen]);
    expect(members(membership)).toEqual({ [ana.personId]: 'mentor', [ben.personId]: 'mentee' });
    expect(membership.heads).toEqual([admitBen.hash]);
    expect(chainHeads(membership)).toEqual([admitBen.hash]);
    expect(membership.problems).toEqual([]);
  });

  it('refuses a third person (ROLE_TAKEN), a role of none, and admitting a member again', () => {
    const thirdMentee = admit(ana, [admitBen], cal, 'mentee');
    const thirdMentor = admit(ben, [admitBen], cal, 'mentor');
    const roleNone = admit(ana, [admitBen], cal, 'none');
    const again = admit(ben, [admitBen], ben, 'mentee');
    const membership = derive(root, [root, admitBen, thirdMentee, thirdMentor, roleNone, again]);
    expect(members(membership)).toEqual({ [ana.personId]: 'mentor', [ben.personId]: 'mentee' });
    expect(problemOf(membership, thirdMentee)).toBe('ROLE_TAKEN');
    expect(problemOf(membership, thirdMentor)).toBe('ROLE_TAKEN');
    expect(problemOf(membership, roleNone)).toBe('NOT_ALLOWED');
    expect(problemOf(membership, again)).toBe('ALREADY_MEMBER');
    expect(membership.heads).toEqual([admitBen.hash]);
  });

  it('ignores everything a key holder outside the chain signs', () => {
    const selfAdmit = admit(eve, [root], eve, 'mentee');
    const eveDevice = fileDevice(eve, [root], eve, device('eve-phone'));
    const removeAna = removePerson(eve, [admitBen], ana);
    const removeBenPhone = removeDevice(eve, [admitBen], device('ben-phone'));
    const benPhone = fileDevice(ben, [admitBen], ben, device('ben-phone'));
    // A certificate ben once made (say, read from the old device list) filed by eve.
    const replayed = fileDevice(eve, [admitBen], ben, device('ben-tablet'));
    const records = [
      root,
      admitBen,
      selfAdmit,
      eveDevice,
      removeAna,
      removeBenPhone,
      benPhone,
      replayed,
    ];
    const membership = derive(root, records);
    expect(members(membership)).toEqual({ [ana.personId]: 'mentor', [ben.personId]: 'mentee' });
    for (const record of [selfAdmit, eveDevice, removeAna, removeBenPhone, replayed]) {
      expect(problemOf(membership, record)).toBe<ChainProblemCode>('NOT_A_MEMBER');
    }
    expect(isActiveDevice(membership, device('eve-phone').deviceId)).toBe(false);
    expect(isActiveDevice(membership, device('ben-phone').deviceId)).toBe(true);
    expect(isActiveDevice(membership, device('ben-tablet').deviceId)).toBe(false);
    expect(membership.heads).toEqual([benPhone.hash]);
  });

  it('removes a person, who may leave, be admitted again, or be replaced', () => {
    const removeBen = removePerson(ana, [admitBen], ben);
    const removed = derive(root, [root, admitBen, removeBen]);
    expect(members(removed)).toEqual({ [ana.personId]: 'mentor' });
    expect([...removed.formerPersons]).toEqual([ben.personId]);

    const readmit = admit(ana, [removeBen], ben, 'mentee');
    const back = derive(root, [root, admitBen, removeBen, readmit]);
    expect(members(back)).toEqual({ [ana.personId]: 'mentor', [ben.personId]: 'mentee' });
    expect(back.formerPersons.size).toBe(0);

    const replace = admit(ana, [removeBen], cal, 'mentee');
    expect(members(derive(root, [root, admitBen, removeBen, replace]))).toEqual({
      [ana.personId]: 'mentor',
      [cal.personId]: 'mentee',
    });

    const leave = removePerson(ben, [admitBen], ben);
    const left = derive(root, [root, admitBen, leave]);
    expect(members(left)).toEqual({ [ana.personId]: 'mentor' });
    expect([...left.formerPersons]).toEqual([ben.personId]);
    // A removed person cannot remove anyone, and nobody can remove a non-member.
    const late = removePerson(ben, [removeBen], ana);
    const twice = removePerson(ana, [removeBen], ben);
    const after = derive(root, [root, admitBen, removeBen, late, twice]);
    expect(problemOf(after, late)).toBe('NOT_A_MEMBER');
    expect(problemOf(after, twice)).toBe('TARGET_NOT_MEMBER');
    // Removing the root person is allowed.
    const removeRoot = removePerson(ben, [admitBen], ana);
    expect(members(derive(root, [root, admitBen, removeRoot]))).toEqual({
      [ben.personId]: 'mentee',
    });
  });
});

describe('concurrency', () => {
  it('lets exactly one of two concurrent mutual removals win, whatever the input order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer(), (at, shuffleSeed) => {
        const anaRemovesBen = sign(
          ana,
          [admitBen],
          { type: 'remove-person', personId: ben.personId },
          at,
        );
        const benRemovesAna = sign(
          ben,
          [admitBen],
          { type: 'remove-person', personId: ana.personId },
          at,
        );
        const anaPhone = fileDevice(ana, [admitBen], ana, device('ana-phone'));
        const benPhone = fileDevice(ben, [admitBen], ben, device('ben-phone'));
        const records = [root, admitBen, anaRemovesBen, benRemovesAna, anaPhone, benPhone];
        const reference = derive(root, records);
        const anaWins = compareChainHashes(anaRemovesBen.hash, benRemovesAna.hash) < 0;
        const winner = anaWins ? ana : ben;
        const loser = anaWins ? ben : ana;
        expect([...reference.persons.keys()]).toEqual([winner.personId]);
        expect([...reference.formerPersons]).toEqual([loser.personId]);
        expect(problemOf(reference, anaWins ? benRemovesAna : anaRemovesBen)).toBe('VOIDED');
        expect(
          isActiveDevice(reference, device(anaWins ? 'ana-phone' : 'ben-phone').deviceId),
        ).toBe(true);
        expect(reference.devices.size).toBe(1);
        const shuffled = fc.sample(fc.shuffledSubarray(records, { minLength: 6, maxLength: 6 }), {
          seed: shuffleSeed,
          numRuns: 5,
        });
        for (const order of shuffled) expect(derive(root, order)).toEqual(reference);
      }),
      { numRuns: 25 },
    );
  });

  it("voids a removed person's acts concurrent with the removal, even once readmitted", () => {
    // ana removes ben (R) and readmits him (A3). Concurrently with R, ben had removed ana (P)
    // and admitted a puppet mentor (Q). P is walked after A3, when ben is a member again, so
    // without voiding it would remove ana and seat the puppet.
    const puppet = person('puppet');
    const R = removePerson(ana, [admitBen], ben);
    const A3 = admit(ana, [R], ben, 'mentee');
    const P = grind(
      (at) => sign(ben, [admitBen], { type: 'remove-person', personId: ana.personId }, at),
      (p) => {
        const order = walkOrder(root, [root, admitBen, R, A3, p]);
        return order.indexOf(A3.hash) < order.indexOf(p.hash);
      },
    );
    const Q = admit(ben, [P], puppet, 'mentor');
    const benRemovesAnaPhone = removeDevice(ben, [admitBen], device('ana-phone'));
    const anaPhone = fileDevice(ana, [root], ana, device('ana-phone'));
    const records = [root, admitBen, R, A3, P, Q, anaPhone, benRemovesAnaPhone];
    const membership = derive(root, records);
    expect(members(membership)).toEqual({ [ana.personId]: 'mentor', [ben.personId]: 'mentee' });
    for (const record of [P, Q, benRemovesAnaPhone])
      expect(problemOf(membership, record)).toBe('VOIDED');
    expect(isActiveDevice(membership, device('ana-phone').deviceId)).toBe(true);
    // Acts the removal follows stay, and acts after readmission count.
    const benPhone = fileDevice(ben, [admitBen], ben, device('ben-phone'));
    const removeAfterPhone = removePerson(ana, [benPhone], ben);
    const readmit = admit(ana, [removeAfterPhone], ben, 'mentee');
    const later = removeDevice(ben, [readmit], device('ben-old'));
    const concurrent = removeDevice(ben, [benPhone], device('ben-tablet'));
    const second = derive(root, [
      root,
      admitBen,
      benPhone,
      removeAfterPhone,
      readmit,
      later,
      concurrent,
    ]);
    expect(members(second)).toEqual({ [ana.personId]: 'mentor', [ben.personId]: 'mentee' });
    expect(problemOf(second, benPhone)).toBeUndefined();
    expect(problemOf(second, later)).toBeUndefined();
    expect(problemOf(second, concurrent)).toBe('VOIDED');
    expect(isActiveDevice(second, device('ben-phone').deviceId)).toBe(true);
  });

  it('keeps a record pending until its missing parent arrives', () => {
    const removeBen = removePerson(ana, [admitBen], ben);
    const pending = derive(root, [root, removeBen]);
    expect(problemOf(pending, removeBen)).toBe('MISSING_PARENT');
    expect(members(pending)).toEqual({ [ana.personId]: 'mentor' });
    expect(pending.formerPersons.size).toBe(0);
    const arrived = derive(root, [root, removeBen, admitBen]);
    expect(arrived.problems).toEqual([]);
    expect([...arrived.formerPersons]).toEqual([ben.personId]);
    expect(arrived.heads).toEqual([removeBen.hash]);
  });

  it('names every counted record without a counted child as a head, ascending', () => {
    const anaPhone = fileDevice(ana, [admitBen], ana, device('ana-phone'));
    const benPhone = fileDevice(ben, [admitBen], ben, device('ben-phone'));
    const membership = derive(root, [root, admitBen, anaPhone, benPhone]);
    expect(membership.heads).toEqual([anaPhone.hash, benPhone.hash].sort(compareChainHashes));
    const merge = removeDevice(ana, [anaPhone, benPhone], device('old'));
    expect(derive(root, [root, admitBen, anaPhone, benPhone, merge]).heads).toEqual([merge.hash]);
  });
});

describe('devices', () => {
  it('keeps a removed device removed, even filed again', () => {
    const phone = device('ben-phone');
    const filed = fileDevice(ben, [admitBen], ben, phone);
    const removed = removeDevice(ana, [filed], phone);
    const again = fileDevice(ben, [removed], ben, phone);
    const membership = derive(root, [root, admitBen, filed, removed, again]);
    expect(isActiveDevice(membership, phone.deviceId)).toBe(false);
    expect([...membership.removedDevices]).toEqual([phone.deviceId]);
    expect(problemOf(membership, again)).toBe('REMOVED');
    // It stays removed after its remover leaves.
    const anaLeaves = removePerson(ana, [again], ana);
    expect(
      isActiveDevice(
        derive(root, [root, admitBen, filed, removed, again, anaLeaves]),
        phone.deviceId,
      ),
    ).toBe(false);
  });

  it("makes a removed person's devices former, and keeps the devices they filed for others", () => {
    const benPhone = fileDevice(ben, [admitBen], ben, device('ben-phone'));
    const anaLaptop = fileDevice(ben, [admitBen], ana, device('ana-laptop')); // ana's certificate
    const removeBen = removePerson(ana, [benPhone, anaLaptop], ben);
    const membership = derive(root, [root, admitBen, benPhone, anaLaptop, removeBen]);
    expect(isActiveDevice(membership, device('ben-phone').deviceId)).toBe(false);
    // Filed while ben was a member: a former device, whose blobs the epoch still accepts.
    expect(problemOf(membership, benPhone)).toBeUndefined();
    expect(membership.formerDevices.has(device('ben-phone').deviceId)).toBe(true);
    expect(isActiveDevice(membership, device('ana-laptop').deviceId)).toBe(true);
  });

  it('counts the first filing of a device id; a different one later is CONFLICT', () => {
    const phone = device('ben-phone');
    const filed = fileDevice(ben, [admitBen], ben, phone);
    const same = fileDevice(ana, [filed], ben, phone);
    const otherBox = { ...phone, box: device('other').box };
    const conflict = fileDevice(ben, [filed], ben, otherBox);
    const otherOwner = fileDevice(ana, [filed], ana, phone);
    const membership = derive(root, [root, admitBen, filed, same, conflict, otherOwner]);
    expect(problemOf(membership, same)).toBeUndefined();
    expect(problemOf(membership, conflict)).toBe('CONFLICT');
    expect(problemOf(membership, otherOwner)).toBe('CONFLICT');
    expect(membership.devices.get(phone.deviceId)).toEqual({
      owner: ben.personId,
      boxPublicKey: phone.box.publicKey,
      record: filed.hash,
    });
  });

  it('runs a notes chain (kind none): devices, but no admissions', () => {
    const notes = genesis(ana, 'none');
    const phone = fileDevice(ana, [notes], ana, device('ana-phone'));
    const laptop = fileDevice(ana, [phone], ana, device('ana-laptop'));
    const admitAny = admit(ana, [notes], ben, 'mentee');
    const membership = derive(notes, [notes, phone, laptop, admitAny]);
    expect(membership.kind).toBe('none');
    expect(members(membership)).toEqual({ [ana.personId]: 'none' });
    expect([...membership.devices.keys()].sort()).toEqual(
      [device('ana-phone').deviceId, device('ana-laptop').deviceId].sort(),
    );
    expect(problemOf(membership, admitAny)).toBe('NOT_ALLOWED');
    expect(membership.heads).toEqual([laptop.hash]);
  });
});
