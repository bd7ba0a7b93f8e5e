// Nothing in IndexedDB (nor on the relay) is plaintext content: a scan of every row of every
// table, after editing, compacting, restarting and rolling the epoch, finds no trace of what
// was written.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TrellisDb } from '$lib/store';
import { createPairFixture, type PairFixture } from '../../support/harness/pairFixture';
import { seededWorkspaceKey } from '../../support/harness/seededIdentity';
import type { TestDevice } from '../../support/harness/testDevice';

const SECRET = 'Ana-wants-to-leave-her-job-XYZZY';
const secretBytes = new TextEncoder().encode(SECRET);

let fixture: PairFixture;
afterEach(() => fixture.dispose());

function includesBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function leaks(value: unknown): boolean {
  if (value instanceof Uint8Array) return includesBytes(value, secretBytes);
  if (typeof value === 'string') return value.includes(SECRET);
  if (Array.isArray(value)) return value.some(leaks);
  if (value && typeof value === 'object') return Object.values(value).some(leaks);
  return false;
}

async function everyRow(db: TrellisDb): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (const table of db.tables) rows.push(...(await table.toArray()));
  return rows;
}

describe('at rest', () => {
  it('keeps no plaintext content in IndexedDB or on the relay', async () => {
    fixture = await createPairFixture(['alice', 'bob'], {
      name: 'at-rest',
      settings: { compactAfter: 3 },
    });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    for (let i = 0; i < 5; i += 1) {
      alice.engine.innerDoc.getText('notes').insert(0, `${SECRET} ${i} `);
      bob.engine.innerDoc.getMap('goals').set(SECRET, `${SECRET}-${i}`);
      await fixture.settle();
    }
    // Something unsealed is waiting too: it rests in the encrypted cache.
    bob.engine.innerDoc.getMap('goals').set(`${SECRET}-pending`, SECRET);
    await bob.engine.whenSettled();
    await alice.engine.compact();
    await fixture.settle();
    await fixture.restart(alice);
    await alice.engine.rollEpoch({ epoch: 1, key: await seededWorkspaceKey('at-rest/1') });
    await fixture.settle();

    expect(alice.engine.innerDoc.getText('notes').toString()).toContain(SECRET);
    for (const device of [alice, bob]) {
      const rows = await everyRow(device.db);
      expect(rows.length).toBeGreaterThanOrEqual(4);
      expect(rows.filter(leaks)).toEqual([]);
    }
    for (const room of fixture.relay.rooms.values()) {
      expect(includesBytes(Y.encodeStateAsUpdate(room), secretBytes)).toBe(false);
    }
  });
});
