// A known-answer chain built by an independent implementation (Python, pyca/cryptography; see
// tests/fixtures/vectors/generate_trellis_chain_v1.py) from docs/PROTOCOL.md. If this breaks,
// the record format changed: that needs a new version byte, not a new vector.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '$lib/crypto';
import {
  deriveMembership,
  parseChainRecord,
  signChainRecord,
  type ChainRecord,
} from '$lib/sync/membership';
import { personFromSeed } from './chainFixture';

interface ChainVector {
  workspaceId: string;
  persons: Record<string, { seed: string; personId: string }>;
  devices: Record<
    string,
    { deviceId: string; owner: string; boxPublicKey: string; certificate: string }
  >;
  records: Array<{
    label: string;
    type: ChainRecord['body']['type'];
    author: string;
    parents: string[];
    at: number;
    hex: string;
    hash: string;
  }>;
  membership: {
    root: string;
    persons: Record<string, string>;
    formerPersons: string[];
    devices: string[];
    removedDevices: string[];
    formerDevices: string[];
    heads: string[];
    problems: Array<{ hash: string; code: string }>;
  };
}

const vector = JSON.parse(
  readFileSync(new URL('../../../fixtures/vectors/trellis_chain_v1.json', import.meta.url), 'utf8'),
) as ChainVector;
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

beforeAll(readyCrypto);

describe('the chain v1 known-answer vector', () => {
  const parse = () =>
    vector.records.map((entry) => {
      const parsed = parseChainRecord(hex(entry.hex), { workspaceId: vector.workspaceId });
      if (!parsed.ok) throw new Error(`${entry.label}: ${parsed.code}`);
      return parsed.record;
    });

  it('parses every record with its hash, author, parents and type', () => {
    const records = parse();
    expect(records).toHaveLength(6);
    records.forEach((record, index) => {
      const entry = vector.records[index]!;
      expect(record).toMatchObject({
        hash: entry.hash,
        author: entry.author,
        parents: entry.parents,
        at: entry.at,
        body: { type: entry.type },
      });
    });
    const devices = records.flatMap((record) =>
      record.body.type === 'device' ? [record.body] : [],
    );
    for (const body of devices) {
      const [, expected] = Object.entries(vector.devices).find(
        ([, d]) => d.deviceId === body.deviceId,
      )!;
      expect(body.owner).toBe(vector.persons[expected.owner]!.personId);
      expect(Buffer.from(body.boxPublicKey).toString('hex')).toBe(expected.boxPublicKey);
      expect(Buffer.from(body.certificate).toString('hex')).toBe(expected.certificate);
    }
  });

  it('is what this implementation signs, byte for byte', () => {
    const people = Object.values(vector.persons).map((p) => personFromSeed(hex(p.seed)));
    expect(people.map((p) => p.personId)).toEqual(
      Object.values(vector.persons).map((p) => p.personId),
    );
    for (const record of parse()) {
      const author = people.find((p) => p.personId === record.author)!;
      const again = signChainRecord({
        workspaceId: record.workspaceId,
        person: author,
        parents: [...record.parents].reverse(),
        at: record.at,
        body: record.body,
      });
      expect(again).toEqual(record);
    }
  });

  it('derives the membership it states', () => {
    const m = deriveMembership({ root: vector.membership.root, records: parse().reverse() });
    expect(m.problems).toEqual(vector.membership.problems);
    expect(Object.fromEntries([...m.persons].map(([id, { role }]) => [id, role]))).toEqual(
      vector.membership.persons,
    );
    expect([...m.formerPersons]).toEqual(vector.membership.formerPersons);
    expect([...m.devices.keys()]).toEqual(vector.membership.devices);
    expect([...m.removedDevices]).toEqual(vector.membership.removedDevices);
    expect([...m.formerDevices.keys()]).toEqual(vector.membership.formerDevices);
    expect(m.heads).toEqual(vector.membership.heads);
  });
});
