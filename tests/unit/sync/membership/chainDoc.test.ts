// The chain in the inner doc: records written by hash survive a sync, and whatever a member
// writes into the map with raw Yjs (wrong keys, garbage, other types) is reported, not read.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readyCrypto } from '$lib/crypto';
import {
  deriveMembership,
  MEMBERSHIP_MAP_NAME,
  readChainFromDoc,
  writeChainRecord,
} from '$lib/sync/membership';
import { admit, genesis, person, WORKSPACE_ID } from './chainFixture';

beforeAll(readyCrypto);

describe('readChainFromDoc / writeChainRecord', () => {
  it('reads back what was written, through a Yjs sync, and derives from it', () => {
    const root = genesis(person('ana'), 'mentor');
    const admitted = admit(person('ana'), [root], person('ben'), 'mentee');
    const doc = new Y.Doc();
    writeChainRecord(doc, root);
    writeChainRecord(doc, admitted);
    writeChainRecord(doc, admitted); // idempotent
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const { records, problems } = readChainFromDoc(copy, WORKSPACE_ID);
    expect(problems).toEqual([]);
    expect(records.map((record) => record.hash).sort()).toEqual([root.hash, admitted.hash].sort());
    expect(deriveMembership({ root: root.hash, records }).persons.size).toBe(2);
  });

  it('reports wrong keys, garbage and non-byte values as problems and never throws', () => {
    const root = genesis(person('ana'), 'mentor');
    const other = genesis(person('eve'), 'mentee');
    const doc = new Y.Doc();
    writeChainRecord(doc, root);
    const map = doc.getMap<unknown>(MEMBERSHIP_MAP_NAME);
    map.set(
      other.hash.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      other.bytes,
    );
    map.set('garbage', new Uint8Array([1, 2, 3]));
    map.set('text', 'not bytes');
    map.set('number', 42);
    map.set('array', [1, 2, 3]);
    map.set('nested', new Y.Map());
    map.set(
      'elsewhere',
      genesis(person('ana'), 'mentor').bytes.map((byte, i) => (i === 3 ? byte ^ 1 : byte)),
    );
    const { records, problems } = readChainFromDoc(doc, WORKSPACE_ID);
    expect(records.map((record) => record.hash)).toEqual([root.hash]);
    const byKey = Object.fromEntries(problems.map(({ key, code }) => [key, code]));
    expect(byKey).toMatchObject({
      garbage: 'MALFORMED',
      text: 'NOT_BYTES',
      number: 'NOT_BYTES',
      array: 'NOT_BYTES',
      nested: 'NOT_BYTES',
    });
    expect(byKey.elsewhere).not.toBeUndefined();
    expect(Object.values(byKey)).toContain('WRONG_KEY');
    expect(problems).toHaveLength(7);
  });

  it('refuses records of another workspace', () => {
    const doc = new Y.Doc();
    writeChainRecord(doc, genesis(person('ana'), 'mentor'));
    const { records, problems } = readChainFromDoc(doc, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(records).toEqual([]);
    expect(problems.map(({ code }) => code)).toEqual(['WRONG_WORKSPACE']);
  });

  it('puts right an entry vandalised under a record hash', () => {
    const root = genesis(person('ana'), 'mentor');
    const doc = new Y.Doc();
    doc.getMap<unknown>(MEMBERSHIP_MAP_NAME).set(root.hash, new Uint8Array([0]));
    expect(readChainFromDoc(doc, WORKSPACE_ID).records).toEqual([]);
    writeChainRecord(doc, root);
    expect(readChainFromDoc(doc, WORKSPACE_ID)).toEqual({ records: [root], problems: [] });
  });
});
