// deriveMembership over random chains: four people (one a stranger to the chain) sign random
// admissions, removals and device records on random parents. Whatever they sign, the answer is
// the same for any order of the records, a pair never has two mentors or two mentees, every
// active device belongs to a member, and every record is either counted or named as a problem.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto, type DeviceIdentity, type PersonIdentity } from '$lib/crypto';
import { deriveMembership, type ChainRecord, type ChainRole } from '$lib/sync/membership';
import {
  admit,
  device,
  fileDevice,
  genesis,
  person,
  removeDevice,
  removePerson,
} from './chainFixture';

beforeAll(readyCrypto);

type Step =
  | { op: 'admit'; author: number; target: number; role: ChainRole; parents: number[] }
  | { op: 'remove'; author: number; target: number; parents: number[] }
  | { op: 'device'; author: number; owner: number; device: number; parents: number[] }
  | { op: 'remove-device'; author: number; device: number; parents: number[] };

const who = fc.integer({ min: 0, max: 3 });
const parents = fc.array(fc.nat(), { minLength: 1, maxLength: 3 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('admit' as const),
    author: who,
    target: who,
    role: fc.constantFrom<ChainRole>('mentor', 'mentee', 'none'),
    parents,
  }),
  fc.record({ op: fc.constant('remove' as const), author: who, target: who, parents }),
  fc.record({
    op: fc.constant('device' as const),
    author: who,
    owner: who,
    device: fc.integer({ min: 0, max: 5 }),
    parents,
  }),
  fc.record({
    op: fc.constant('remove-device' as const),
    author: who,
    device: fc.integer({ min: 0, max: 5 }),
    parents,
  }),
);

let people: PersonIdentity[];
let devices: DeviceIdentity[];
beforeAll(() => {
  people = ['ana', 'ben', 'cal', 'eve'].map(person);
  devices = [0, 1, 2, 3, 4, 5].map((index) => device(`d${index}`));
});

function build(steps: readonly Step[]): ChainRecord[] {
  const records = [genesis(people[0]!, 'mentor')];
  for (const s of steps) {
    // By hash: two steps alike sign the same bytes (deterministic signatures), one record twice.
    const picked = s.parents.map((index) => records[index % records.length]!);
    const on = [...new Map(picked.map((record) => [record.hash, record])).values()];
    const author = people[s.author]!;
    if (s.op === 'admit') records.push(admit(author, on, people[s.target]!, s.role));
    else if (s.op === 'remove') records.push(removePerson(author, on, people[s.target]!));
    else if (s.op === 'device')
      records.push(fileDevice(author, on, people[s.owner]!, devices[s.device]!));
    else records.push(removeDevice(author, on, devices[s.device]!));
  }
  return records;
}

describe('deriveMembership on random chains', () => {
  it('is independent of record order and keeps its invariants', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), fc.integer(), (steps, shuffleSeed) => {
        const records = build(steps);
        const root = records[0]!.hash;
        const membership = deriveMembership({ root, records });
        const roles = [...membership.persons.values()].map(({ role }) => role);
        expect(roles.filter((role) => role === 'mentor').length).toBeLessThanOrEqual(1);
        expect(roles.filter((role) => role === 'mentee').length).toBeLessThanOrEqual(1);
        expect(roles).not.toContain('none');
        for (const { owner } of membership.devices.values())
          expect(membership.persons.has(owner)).toBe(true);
        for (const id of membership.removedDevices) expect(membership.devices.has(id)).toBe(false);
        for (const id of membership.persons.keys())
          expect(membership.formerPersons.has(id)).toBe(false);
        const problemHashes = membership.problems.map(({ hash }) => hash);
        expect(new Set(problemHashes).size).toBe(problemHashes.length);
        const counted = records.filter((record) => !problemHashes.includes(record.hash));
        expect(counted.map((r) => r.hash)).toContain(root);
        for (const head of membership.heads) expect(counted.map((r) => r.hash)).toContain(head);
        expect(membership.heads.length).toBeGreaterThan(0);
        // Nothing eve (never admitted) signed counts unless someone admitted her.
        const eve = people[3]!.personId;
        if (!records.some((r) => r.body.type === 'admit' && r.body.personId === eve)) {
          expect(counted.filter((r) => r.author === eve)).toEqual([]);
        }
        const [shuffled] = fc.sample(
          fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
          { seed: shuffleSeed, numRuns: 1 },
        );
        expect(deriveMembership({ root, records: shuffled! })).toEqual(membership);
      }),
      { numRuns: 60 },
    );
    // Sixty chains signed in JavaScript: seconds on a loaded 2-core machine.
  }, 60_000);
});
