import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WorkspaceId } from '$lib/crypto';
import { encodeSyncFile, parseSyncFile, SYNC_FILE_MAGIC } from '$lib/sync';
import { indexOf } from '../../../support/harness/damageBlob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceId, seededWorkspaceKey } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
afterEach(() => fixture?.dispose());

async function offlinePair() {
  fixture = await createPairFixture(['alice', 'bob'], { name: 'file' });
  const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
  fixture.relay.setOnline('alice', false);
  fixture.relay.setOnline('bob', false);
  for (let i = 0; i < 3; i += 1) {
    alice.engine.innerDoc.getMap('goals').set(`g${i}`, `goal ${i}`);
    await alice.engine.flush();
  }
  return { alice, bob };
}

describe('sync files', () => {
  it('carry the blobs to a device with no network, through the same checks', async () => {
    const { alice, bob } = await offlinePair();
    const imported = bob.engine.importSyncFile(await alice.engine.exportSyncFile());
    expect(imported).toEqual({
      ok: true,
      applied: 3,
      held: 0,
      duplicates: 0,
      quarantined: 0,
      setAside: [],
      damagedTail: false,
    });
    expect(bob.engine.innerDoc.getMap('goals').toJSON()).toEqual({
      g0: 'goal 0',
      g1: 'goal 1',
      g2: 'goal 2',
    });
    // The imported blobs join bob's outer doc: stored with it, and sent on when online.
    expect(bob.engine.room().doc.getArray('log').length).toBe(3);
  });

  it('change nothing when imported twice', async () => {
    const { alice, bob } = await offlinePair();
    const file = await alice.engine.exportSyncFile();
    bob.engine.importSyncFile(file);
    const inner = Y.encodeStateAsUpdate(bob.engine.innerDoc);
    const outer = Y.encodeStateVector(bob.engine.room().doc);
    expect(bob.engine.importSyncFile(file)).toEqual({
      ok: true,
      applied: 0,
      held: 0,
      duplicates: 3,
      quarantined: 0,
      setAside: [],
      damagedTail: false,
    });
    expect(Y.encodeStateAsUpdate(bob.engine.innerDoc)).toEqual(inner);
    expect(Y.encodeStateVector(bob.engine.room().doc)).toEqual(outer);
  });

  it('hold blobs past a gap and apply them when the missing file arrives', async () => {
    const { alice, bob } = await offlinePair();
    const blobs = alice.engine.room().doc.getArray<Uint8Array>('log').toArray();
    const workspaceId = await seededWorkspaceId('file');
    const later = encodeSyncFile({ workspaceId, epoch: 0, blobs: blobs.slice(1) });
    const first = encodeSyncFile({ workspaceId, epoch: 0, blobs: blobs.slice(0, 1) });
    expect(bob.engine.importSyncFile(later)).toMatchObject({ applied: 0, held: 2 });
    expect(bob.engine.status.get().gaps).toHaveLength(1);
    expect(bob.engine.importSyncFile(first)).toMatchObject({ applied: 1 });
    expect(bob.engine.status.get().gaps).toEqual([]);
    expect(bob.engine.innerDoc.getMap('goals').size).toBe(3);
  });

  it('hold every edit made so far, even one still waiting to be sealed', async () => {
    const { alice, bob } = await offlinePair();
    alice.engine.innerDoc.getMap('goals').set('late', 'typed just now');
    // No flush and no clock: the edit is still inside its batching pause.
    const file = await alice.engine.exportSyncFile();
    expect(bob.engine.importSyncFile(file)).toMatchObject({ ok: true, applied: 4 });
    expect(bob.engine.innerDoc.getMap('goals').get('late')).toBe('typed just now');
  });

  it('say what a damaged file still brought, and what it set aside from whom', async () => {
    const { alice, bob } = await offlinePair();
    const file = await alice.engine.exportSyncFile();
    const blobs = alice.engine.room().doc.getArray<Uint8Array>('log').toArray();
    // Four flipped bytes inside the second blob's ciphertext: the framing still parses.
    const start = indexOf(file, blobs[1]!);
    const damaged = file.slice();
    for (const offset of [60, 61, 90, 120])
      damaged[start + offset] = damaged[start + offset]! ^ 0xff;
    expect(bob.engine.importSyncFile(damaged)).toEqual({
      ok: true,
      applied: 1,
      held: 1,
      duplicates: 0,
      quarantined: 1,
      setAside: [{ deviceId: alice.identity.deviceId, count: 1 }],
      damagedTail: false,
    });
    expect(bob.engine.status.get().gaps).toEqual([
      { deviceId: alice.identity.deviceId, fromSeq: 2, toSeq: 2 },
    ]);
    // The intact file then brings the missing one and the gap closes.
    expect(bob.engine.importSyncFile(file)).toMatchObject({ ok: true, applied: 1 });
    expect(bob.engine.innerDoc.getMap('goals').size).toBe(3);
    expect(bob.engine.status.get().gaps).toEqual([]);
  });

  it('import what a truncated file holds, and say that the rest is damaged', async () => {
    const { alice, bob } = await offlinePair();
    const file = await alice.engine.exportSyncFile();
    expect(bob.engine.importSyncFile(file.slice(0, file.length - 5))).toMatchObject({
      ok: true,
      applied: 2,
      damagedTail: true,
    });
    expect(bob.engine.innerDoc.getMap('goals').size).toBe(2);
  });

  it('refuse other files, and files of another workspace or epoch', async () => {
    const { alice, bob } = await offlinePair();
    const file = await alice.engine.exportSyncFile();
    const before = Y.encodeStateVector(bob.engine.innerDoc);
    expect(bob.engine.importSyncFile(new TextEncoder().encode('PK\u0003\u0004 a zip'))).toEqual({
      ok: false,
      code: 'NOT_A_SYNC_FILE',
    });
    expect(bob.engine.importSyncFile('not bytes')).toEqual({ ok: false, code: 'NOT_A_SYNC_FILE' });
    const other = encodeSyncFile({
      workspaceId: await seededWorkspaceId('other'),
      epoch: 0,
      blobs: [],
    });
    expect(bob.engine.importSyncFile(other)).toEqual({ ok: false, code: 'WRONG_WORKSPACE' });
    await bob.engine.rollEpoch({ epoch: 1, key: await seededWorkspaceKey('file/1') });
    expect(bob.engine.importSyncFile(file)).toEqual({ ok: false, code: 'WRONG_EPOCH' });
    expect(Y.encodeStateVector(bob.engine.innerDoc)).toEqual(before);
  });
});

describe('the sync file format', () => {
  const workspaceId = 'AAAAAAAAAAAAAAAAAAAAAA' as WorkspaceId;

  it('starts with the magic bytes and round-trips', () => {
    const blobs = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)];
    const bytes = encodeSyncFile({ workspaceId, epoch: 5, blobs });
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe(SYNC_FILE_MAGIC);
    expect(parseSyncFile(bytes)).toEqual({
      ok: true,
      file: { workspaceId, epoch: 5, blobs },
      damagedTail: false,
    });
  });

  it('never throws, and never takes a truncated or extended file for a whole one', () => {
    const blob = new Uint8Array(40).fill(1);
    const bytes = encodeSyncFile({ workspaceId, epoch: 1, blobs: [blob] });
    fc.assert(
      fc.property(
        fc.nat(bytes.length - 1),
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        (cut, tail) => {
          const truncated = parseSyncFile(bytes.subarray(0, cut));
          // A cut header is refused; a cut blob leaves a file of no blobs, marked damaged.
          if (truncated.ok)
            expect(truncated).toMatchObject({ file: { blobs: [] }, damagedTail: true });
          else expect(truncated.code).not.toBe(undefined);
          const extended = new Uint8Array([...bytes, ...tail]);
          expect(parseSyncFile(extended)).toMatchObject({
            ok: true,
            file: { blobs: [blob] },
            damagedTail: true,
          });
        },
      ),
      { seed: 7, numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (junk) => {
        const withMagic = new Uint8Array([...new TextEncoder().encode(SYNC_FILE_MAGIC), ...junk]);
        expect(() => parseSyncFile(withMagic)).not.toThrow();
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});
