// An open with a usable cache reports ready once the inner doc is decrypted, and loads the
// stored outer doc just after. These check what that must not change: nothing touches the
// outer doc (no relay, no publishing, no sync file) before the stored log is in, a failed read
// loses nothing and is retried, and the own coverage the cache records is what the open uses.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  openSyncedWorkspace,
  StoredLogUnavailableError,
  type OpenSyncedWorkspaceOptions,
  type OuterRoom,
  type SyncedWorkspace,
} from '$lib/sync';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceId } from '../../../support/harness/seededIdentity';
import type { TestDevice } from '../../../support/harness/testDevice';

const NAME = 'cold-open';
let fixture: PairFixture;
let extra: SyncedWorkspace[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(extra.map((engine) => engine.close()));
  extra = [];
  await fixture?.dispose();
});

const content = (doc: SyncedWorkspace['innerDoc']) => ({
  goals: doc.getMap('goals').toJSON(),
  notes: doc.getArray('notes').toJSON(),
});
const logLength = (engine: SyncedWorkspace) => engine.room().doc.getArray('log').length;
/** The fixture's settle, waiting for the engines opened here too. */
async function settle(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    fixture.clock.advance(10_000);
    const engines = [...fixture.devices.map((device) => device.engine), ...extra];
    await Promise.all(engines.map((engine) => engine.whenSettled()));
  }
}

async function withHistory(settings: OpenSyncedWorkspaceOptions['settings'] = {}) {
  fixture = await createPairFixture(['alice', 'bob'], { name: NAME, settings });
  const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
  for (let i = 0; i < 3; i += 1) {
    alice.engine.innerDoc.getMap('goals').set(`a${i}`, `goal ${i}`);
    bob.engine.innerDoc.getArray('notes').push([`note ${i}`]);
    await fixture.settle();
  }
  return { alice, bob };
}

/** Closes `device`'s engine and opens another on its store, not attached to the test relay. */
async function reopen(
  device: TestDevice,
  options: Partial<OpenSyncedWorkspaceOptions> = {},
): Promise<SyncedWorkspace> {
  await device.engine.close();
  const opened = await openSyncedWorkspace({
    db: device.db,
    identity: device.identity,
    vaultKey: device.vaultKey,
    workspaceId: await seededWorkspaceId(NAME),
    clock: fixture.clock,
    pageLifecycle: { onHidden: () => () => {} },
    ...options,
  });
  if (!opened.ok) throw new Error(opened.code);
  extra.push(opened.workspace);
  return opened.workspace;
}

describe('a cold open with a usable cache', () => {
  it('is ready from the cache, and attaches the room only with the stored log loaded', async () => {
    const { bob } = await withHistory();
    const before = content(bob.engine.innerDoc);
    const stored = logLength(bob.engine);
    const engine = await reopen(bob);
    expect(content(engine.innerDoc)).toEqual(before);
    // Nothing of the outer doc yet: no sync file from a part of it.
    expect(() => engine.exportSyncFile()).toThrow(StoredLogUnavailableError);
    const seen: number[] = [];
    engine.subscribeRoom((room: OuterRoom) => seen.push(room.doc.getArray('log').length));
    expect(seen).toEqual([]);
    await engine.whenSettled();
    // Told once, with every stored blob in the outer doc, none of them verified again.
    expect(seen).toEqual([stored]);
    expect(engine.counters()).toMatchObject({ opened: 0, applied: 0, republished: 0 });
    expect((await engine.exportSyncFile()).length).toBeGreaterThan(0);
  });

  it('publishes an edit made before the stored log loaded, after it, exactly once', async () => {
    const { alice, bob } = await withHistory();
    const engine = await reopen(bob);
    engine.innerDoc.getArray('notes').push(['right after the open']);
    await engine.flush();
    fixture.relay.attach('bob', engine);
    await settle();
    expect(engine.counters().published).toBe(1);
    expect(alice.engine.innerDoc.getArray('notes').toJSON()).toEqual([
      'note 0',
      'note 1',
      'note 2',
      'right after the open',
    ]);
    expect(alice.engine.status.get()).toMatchObject({ gaps: [], duplicates: 0, quarantined: 0 });
  });

  it('reports a failed read of the stored log, keeps edits, and loads it on the retry', async () => {
    const { alice, bob } = await withHistory({ retryMs: 1_000 });
    vi.spyOn(bob.db.outerUpdates, 'where').mockImplementationOnce(() => {
      throw new DOMException('the disk hiccuped', 'UnknownError');
    });
    const engine = await reopen(bob);
    fixture.relay.attach('bob', engine);
    engine.innerDoc.getArray('notes').push(['written while unreadable']);
    await engine.flush();
    expect(engine.status.get().storeError).toMatch(/could not be read/);
    expect(engine.counters().published).toBe(0);
    expect(engine.status.get().waiting).toBe(1);
    expect(await engine.compact()).toEqual({ ok: false, code: 'STORE_UNREADABLE' });
    expect(() => engine.importSyncFile(new Uint8Array())).toThrow(StoredLogUnavailableError);
    await expect(engine.addDevice(alice.identity.deviceId)).rejects.toThrow(
      StoredLogUnavailableError,
    );
    await settle();
    expect(engine.status.get().storeError).toBeNull();
    expect(engine.counters().published).toBe(1);
    expect(alice.engine.innerDoc.getArray('notes').toJSON()).toContain('written while unreadable');
  });

  it('keeps a disconnect asked for before the stored log loaded', async () => {
    const { bob } = await withHistory();
    const sockets: string[] = [];
    const relay = { url: 'ws://127.0.0.1:9', WebSocketPolyfill: recordingSocket(sockets) };
    const engine = await reopen(bob, { relay });
    expect(sockets).toEqual([]);
    expect(engine.status.get().connection).toBe('connecting');
    engine.disconnect();
    expect(engine.status.get().connection).toBe('offline');
    await engine.whenSettled();
    expect(sockets).toEqual([]);
    expect(engine.status.get().connection).toBe('offline');
    engine.connect();
    expect(sockets).toHaveLength(1);
    const other = await reopen(bob, { relay });
    await other.whenSettled();
    // Without the disconnect, the relay is reached once the stored log is in.
    expect(sockets).toHaveLength(2);
  });
});

describe('the own coverage the cache records', () => {
  it('is what an open uses; a row without it falls back to opening the snapshots', async () => {
    const { alice, bob } = await withHistory();
    const workspaceId = await seededWorkspaceId(NAME);
    const ownRows = await alice.db.ownBlobs.toArray();
    expect(ownRows.map((row) => row.seq)).toEqual([1, 2, 3]);
    await bob.engine.compact();
    await fixture.settle();
    expect((await alice.db.innerCache.get(workspaceId))?.ownCovered).toBe(3);
    // As after a crash before the covered rows were pruned: rows alice must not publish again
    // (the compaction deleted them from the log; the snapshot holds them).
    const crashedBeforePrune = async (ownCovered: number | undefined) => {
      await alice.engine.close();
      await alice.db.ownBlobs.bulkPut(ownRows);
      const row = (await alice.db.innerCache.get(workspaceId))!;
      delete row.ownCovered;
      await alice.db.innerCache.put(ownCovered === undefined ? row : { ...row, ownCovered });
      await fixture.restart(alice);
      await fixture.settle();
      return alice.engine.counters().republished;
    };
    expect(await crashedBeforePrune(3)).toBe(0);
    expect(await crashedBeforePrune(undefined)).toBe(0);
    // ...and the row learnt it again on that open.
    expect((await alice.db.innerCache.get(workspaceId))?.ownCovered).toBe(3);
    // A lower recorded coverage is trusted as such: the covered rows go out again, and the
    // partner drops them as duplicates. (The cache is this device's own, encrypted record.)
    expect(await crashedBeforePrune(0)).toBe(3);
    expect(bob.engine.innerDoc.getMap('goals').size).toBe(3);
    expect(bob.engine.status.get()).toMatchObject({ gaps: [], quarantined: 0 });
  });
});

/** A WebSocket stand-in that records each connection attempt and never opens. */
function recordingSocket(sockets: string[]): unknown {
  return class RecordingSocket {
    static readonly OPEN = 1;
    readonly OPEN = 1;
    binaryType = 'arraybuffer';
    readyState = 0;
    onopen: unknown = null;
    onmessage: unknown = null;
    onclose: unknown = null;
    onerror: unknown = null;
    constructor(url: string) {
      sockets.push(url);
    }
    send(): void {}
    close(): void {
      this.readyState = 3;
    }
  };
}
