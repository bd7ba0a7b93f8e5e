// The relay sends each update once to each device that lacks it: never back to its author (who
// has it), and never both as a broadcast and inside the sync step 2 answering a client that
// just connected. Counted per blob in what each real client receives from the server process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import {
  blobSeq,
  connectClient,
  connectRaw,
  credentials,
  fakeBlob,
  readServerMessage,
  syncMessage,
  waitUntil,
  whenSynced,
  type WebSocketClass,
} from './support/relayTestKit';

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess();
});

afterAll(async () => {
  await server.dispose();
});

/** Per fake blob seq, how often it occurs in these server messages (updates and step 2s). */
function countBlobs(messages: readonly Uint8Array[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const bytes of messages) countInto(counts, bytes);
  return counts;
}

function countInto(counts: Map<number, number>, bytes: Uint8Array): void {
  const message = readServerMessage(bytes);
  if (message.kind !== 'update' && message.kind !== 'sync-step-2') return;
  // Decoded struct by struct: an update need not apply to an empty doc on its own.
  for (const struct of Y.decodeUpdate(message.payload).structs) {
    const content = (struct as { content?: { content?: unknown } }).content?.content;
    if (!(content instanceof Uint8Array)) continue;
    const seq = blobSeq(content);
    counts.set(seq, (counts.get(seq) ?? 0) + 1);
  }
}

/** A WebSocket class that counts, per fake blob seq, how often the server sent it. */
function countingSocket(counts: Map<number, number>): WebSocketClass {
  return class CountingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: ArrayBuffer | Buffer) => countInto(counts, new Uint8Array(data)));
    }
  };
}

describe('the relay sends each update once', () => {
  it('never echoes an update to its author', async () => {
    const room = credentials('no-echo');
    const authorCounts = new Map<number, number>();
    const readerCounts = new Map<number, number>();
    const author = connectClient(server, room, { WebSocketPolyfill: countingSocket(authorCounts) });
    const reader = connectClient(server, room, { WebSocketPolyfill: countingSocket(readerCounts) });
    try {
      await Promise.all([whenSynced(author), whenSynced(reader)]);
      for (let seq = 0; seq < 20; seq += 1) author.log.push([fakeBlob(seq)]);
      await waitUntil(() => reader.log.length === 20, 'the reader has every blob');
      // A later sync round trip proves the author's socket had time to receive any echo.
      author.provider.disconnect();
      author.provider.connect();
      await whenSynced(author);
      expect([...authorCounts.values()].reduce((sum, count) => sum + count, 0)).toBe(0);
      expect([...readerCounts.entries()].sort((a, b) => a[0] - b[0])).toEqual(
        Array.from({ length: 20 }, (_, seq) => [seq, 1]),
      );
    } finally {
      author.destroy();
      reader.destroy();
    }
  });

  it('sends a client each blob once when blobs arrive before its sync step 1 is answered', async () => {
    const room = credentials('no-early-broadcast');
    const writer = connectClient(server, room);
    const witness = connectClient(server, room);
    const raw = connectRaw(server, `${room.roomId}?token=${room.token}`);
    try {
      await Promise.all([whenSynced(writer), whenSynced(witness)]);
      expect(await raw.answered()).toBe('admitted');
      // Connected, but its step 1 not yet sent: what the writer adds now reaches the room first
      // (the witness, a normal client, shows when the relay has broadcast all of it).
      for (let seq = 0; seq < 10; seq += 1) writer.log.push([fakeBlob(seq)]);
      await waitUntil(() => witness.log.length === 10, 'the relay broadcast every blob');
      raw.send(syncMessage.step1());
      await raw.until(
        () => raw.received.some((bytes) => readServerMessage(bytes).kind === 'sync-step-2'),
        'the step 2 answer',
      );
      const counts = countBlobs(raw.received);
      expect([...counts.values()]).toEqual(Array.from({ length: 10 }, () => 1));
    } finally {
      raw.ws.close();
      witness.destroy();
      writer.destroy();
    }
  });

  it('sends a newcomer each blob once, whether it arrived before or while it connected', async () => {
    const room = credentials('no-double');
    const writer = connectClient(server, room);
    const counts = new Map<number, number>();
    try {
      await whenSynced(writer);
      for (let seq = 0; seq < 50; seq += 1) writer.log.push([fakeBlob(seq)]);
      // The newcomer connects while the writer keeps writing.
      const newcomer = connectClient(server, room, { WebSocketPolyfill: countingSocket(counts) });
      try {
        for (let seq = 50; seq < 100; seq += 1) {
          writer.log.push([fakeBlob(seq)]);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        await waitUntil(() => newcomer.log.length === 100, 'the newcomer has every blob');
        expect(
          newcomer.log
            .toArray()
            .map(blobSeq)
            .sort((a, b) => a - b),
        ).toEqual(Array.from({ length: 100 }, (_, seq) => seq));
        const repeated = [...counts.entries()].filter(([, count]) => count > 1);
        expect(repeated).toEqual([]);
      } finally {
        newcomer.destroy();
      }
    } finally {
      writer.destroy();
    }
  });
});
