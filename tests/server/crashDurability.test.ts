import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startServerProcess } from '../support/serverProcess';
import {
  blobSeq,
  connectClient,
  credentials,
  fakeBlob,
  readServerMessage,
  whenSynced,
} from './support/relayTestKit';

/**
 * "Answered" in the y-sync protocol: the relay sends a client an update — a broadcast of its
 * partner's update or a sync step 2 — only after the state it
 * carries is in LevelDB. So every update any client has received from the relay is durable, and
 * a kill -9 must lose none of them.
 */
describe.each(['false', 'true'])(
  'a crash loses nothing the relay acknowledged (FSYNC=%s)',
  (fsync) => {
    it('serves every acknowledged update again after kill -9 and a restart', async () => {
      const room = credentials('kill-9');
      const server = await startServerProcess({ env: { FSYNC: fsync } });

      // What the relay sent the writer, decoded into a doc (it echoes nothing: the watcher's
      // copy is what shows what the relay acknowledged).
      const acknowledged = new Y.Doc();
      class RecordingWebSocket extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols);
          this.on('message', (data: ArrayBuffer | Buffer) => {
            const message = readServerMessage(new Uint8Array(data));
            if (message.kind === 'update' || message.kind === 'sync-step-2') {
              Y.applyUpdate(acknowledged, message.payload);
            }
          });
        }
      }
      const writer = connectClient(server, room, { WebSocketPolyfill: RecordingWebSocket });
      const watcher = connectClient(server, room);
      await Promise.all([whenSynced(writer), whenSynced(watcher)]);

      let written = 0;
      let killedAt = -1;
      for (let i = 0; i < 5000 && (killedAt < 0 || i < killedAt + 20); i++) {
        writer.log.push([fakeBlob(i)]);
        written += 1;
        if (killedAt < 0 && watcher.log.length >= 150) {
          // Mid-stream: the writer has more in flight than the watcher has seen.
          await server.kill();
          killedAt = i;
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(killedAt).toBeGreaterThan(0);

      const acked = new Set([
        ...watcher.log.toArray().map(blobSeq),
        ...acknowledged.getArray<Uint8Array>('log').toArray().map(blobSeq),
      ]);
      writer.destroy();
      watcher.destroy();
      expect(acked.size).toBeGreaterThanOrEqual(150);
      expect(written).toBeGreaterThan(acked.size);

      const restarted = await startServerProcess({
        dataDir: server.dataDir,
        env: { FSYNC: fsync },
      });
      const reader = connectClient(restarted, room);
      try {
        await whenSynced(reader);
        const served = new Set(reader.log.toArray().map(blobSeq));
        const lost = [...acked].filter((seq) => !served.has(seq));
        expect(lost).toEqual([]);
      } finally {
        reader.destroy();
        await restarted.dispose();
        await server.dispose();
      }
    });
  },
);
