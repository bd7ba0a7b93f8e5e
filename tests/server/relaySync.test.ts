import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import {
  blobSeq,
  connectClient,
  connectRaw,
  credentials,
  fakeBlob,
  readMetric,
  readServerMessage,
  roomPath,
  syncMessage,
  waitUntil,
  whenSynced,
} from './support/relayTestKit';

describe('the relay syncs outer docs between y-websocket clients', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ env: { IDLE_UNLOAD_MS: '200' } });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('relays blobs both ways between two clients of one room', async () => {
    const room = credentials('two-clients');
    const mentor = connectClient(server, room);
    const mentee = connectClient(server, room);
    try {
      await Promise.all([whenSynced(mentor), whenSynced(mentee)]);
      mentor.log.push([fakeBlob(1)]);
      mentee.log.push([fakeBlob(2)]);
      await waitUntil(
        () => mentor.log.length === 2 && mentee.log.length === 2,
        'both clients hold both blobs',
      );
      const seqs = (client: typeof mentor) => client.log.toArray().map(blobSeq).sort();
      expect(seqs(mentor)).toEqual([1, 2]);
      expect(seqs(mentee)).toEqual([1, 2]);
    } finally {
      mentor.destroy();
      mentee.destroy();
    }
  });

  it('keeps rooms apart', async () => {
    const a = connectClient(server, credentials('apart-a'));
    const b = connectClient(server, credentials('apart-b'));
    const a2 = connectClient(server, credentials('apart-a'));
    try {
      a.log.push([fakeBlob(7)]);
      await waitUntil(() => a2.log.length === 1, 'the blob reached the same room');
      await whenSynced(b);
      expect(b.log.length).toBe(0);
    } finally {
      a.destroy();
      b.destroy();
      a2.destroy();
    }
  });

  it('unloads an idle room and serves it again from disk', async () => {
    const room = credentials('idle-unload');
    const writer = connectClient(server, room);
    await whenSynced(writer);
    writer.log.push([fakeBlob(11), fakeBlob(12)]);
    await waitUntil(
      async () => (await readMetric(server, 'trellis_relay_persist_seconds_count')) > 0,
      'a write',
    );
    const unloadsBefore = await readMetric(server, 'trellis_relay_room_unloads_total');
    // Let the echo of the write arrive (it is sent only once durable), then leave.
    await waitUntil(() => writer.provider.synced, 'the writer synced');
    writer.destroy();
    await waitUntil(
      async () => (await readMetric(server, 'trellis_relay_room_unloads_total')) > unloadsBefore,
      'the idle room was unloaded',
    );
    const reader = connectClient(server, room);
    try {
      await waitUntil(() => reader.log.length === 2, 'the reloaded room served both blobs');
      expect(reader.log.toArray().map(blobSeq)).toEqual([11, 12]);
    } finally {
      reader.destroy();
    }
  });

  it('exposes Prometheus metrics', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const name of [
      'trellis_relay_connections',
      'trellis_relay_rooms_loaded',
      'trellis_relay_received_bytes_total',
      'trellis_relay_sent_bytes_total',
      'trellis_relay_rejections_total',
      'trellis_relay_persist_seconds_bucket',
    ]) {
      expect(text).toContain(name);
    }
    expect(await readMetric(server, 'trellis_relay_received_bytes_total')).toBeGreaterThan(0);
  });
});

describe('persistence is loaded before a client is answered', () => {
  it('never sends an empty sync step 2 for a room that has content on disk', async () => {
    const room = credentials('awaited-load');
    const first = await startServerProcess();
    const writer = connectClient(first, room);
    const blobs = Array.from({ length: 50 }, (_, i) => fakeBlob(i));
    writer.log.push(blobs);
    await waitUntil(
      async () => (await readMetric(first, 'trellis_relay_persist_seconds_count')) > 0,
      'the blobs were written',
    );
    writer.destroy();
    expect(await first.stop()).toBe(0);

    // A fresh process: the room is on disk only. The client asks at once, with an empty state
    // vector; the very first sync step 2 must already carry every blob.
    const second = await startServerProcess({ dataDir: first.dataDir });
    try {
      const raw = connectRaw(second, roomPath(room));
      expect(await raw.opened).toBe(true);
      raw.send(syncMessage.step1());
      await waitUntil(
        () => raw.received.some((m) => readServerMessage(m).kind === 'sync-step-2'),
        'a sync step 2 arrived',
      );
      const firstStep2 = raw.received.map(readServerMessage).find((m) => m.kind === 'sync-step-2');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, firstStep2?.payload ?? new Uint8Array());
      expect(doc.getArray<Uint8Array>('log').length).toBe(50);
      // The server's own sync step 1 already names the stored state.
      const step1 = raw.received.map(readServerMessage).find((m) => m.kind === 'sync-step-1');
      expect(Y.decodeStateVector(step1?.payload ?? new Uint8Array([0])).size).toBe(1);
      raw.ws.close();
    } finally {
      await second.dispose();
      await first.dispose();
    }
  });
});

describe('shutdown', () => {
  it('flushes on SIGTERM: everything acknowledged is there after a restart', async () => {
    const room = credentials('sigterm-flush');
    const first = await startServerProcess();
    const writer = connectClient(first, room);
    const watcher = connectClient(first, room);
    await Promise.all([whenSynced(writer), whenSynced(watcher)]);
    for (let i = 0; i < 100; i++) writer.log.push([fakeBlob(i)]);
    await waitUntil(() => watcher.log.length >= 20, 'the watcher saw some blobs');
    first.child.kill('SIGTERM');
    const seen = new Set(watcher.log.toArray().map(blobSeq));
    expect(await first.stop()).toBe(0);
    writer.destroy();
    watcher.destroy();

    const second = await startServerProcess({ dataDir: first.dataDir });
    const reader = connectClient(second, room);
    try {
      await whenSynced(reader);
      const stored = new Set(reader.log.toArray().map(blobSeq));
      for (const seq of seen) expect(stored.has(seq)).toBe(true);
    } finally {
      reader.destroy();
      await second.dispose();
      await first.dispose();
    }
  });
});
