// `confirm()` on a relay connection: true only once the relay has stored what this client sent
// on its socket (it answers a sync step 1 in order, and nothing before it is durable). Against
// the real server process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { deriveRelayToken, deriveRoomId, type WorkspaceKey } from '$lib/crypto';
import { systemClock } from '$lib/sync';
import { connectRelay, type RelayState } from '$lib/sync/relay/connectRelay';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { seededWorkspaceKey } from '../support/harness/seededIdentity';

let server: ServerProcess;
let key: WorkspaceKey;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 20_000) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

function open(connect = true) {
  const outerDoc = new Y.Doc();
  const states: RelayState[] = [];
  const relay = connectRelay({
    outerDoc,
    roomId: deriveRoomId(key),
    relayToken: deriveRelayToken(key),
    clock: systemClock,
    options: { url: server.url.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket, connect },
    onState: (state) => states.push(state),
  });
  return { outerDoc, states, relay };
}

beforeAll(async () => {
  server = await startServerProcess();
  key = await seededWorkspaceKey('relay-confirm/0');
});

afterAll(async () => {
  await server.dispose();
});

describe('RelayConnection.confirm', () => {
  it('answers true once the relay holds what was just written, for any reader to fetch', async () => {
    const writer = open();
    try {
      await until(() => writer.states.at(-1)?.connection === 'synced', 'the writer synced');
      const log = writer.outerDoc.getArray<Uint8Array>('log');
      for (let index = 0; index < 30; index += 1) log.push([new Uint8Array(200).fill(index)]);
      expect(await writer.relay.confirm()).toBe(true);
      // A reader that connects only now finds all of it on the relay.
      const reader = open();
      try {
        await until(() => reader.states.at(-1)?.connection === 'synced', 'the reader synced');
        expect(reader.outerDoc.getArray<Uint8Array>('log').length).toBe(30);
      } finally {
        reader.relay.destroy();
        reader.outerDoc.destroy();
      }
    } finally {
      writer.relay.destroy();
      writer.outerDoc.destroy();
    }
  });

  it('answers false without an open socket, and when the socket goes before the answer', async () => {
    const idle = open(false);
    try {
      expect(await idle.relay.confirm()).toBe(false);
    } finally {
      idle.relay.destroy();
      idle.outerDoc.destroy();
    }
    // A relay that dies (kill -9) never answers: the socket closes and confirm says false.
    const doomed = await startServerProcess();
    const outerDoc = new Y.Doc();
    const states: RelayState[] = [];
    const relay = connectRelay({
      outerDoc,
      roomId: deriveRoomId(key),
      relayToken: deriveRelayToken(key),
      clock: systemClock,
      options: { url: doomed.url.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket },
      onState: (state) => states.push(state),
    });
    try {
      await until(() => states.at(-1)?.connection === 'synced', 'synced');
      await doomed.kill();
      outerDoc.getArray<Uint8Array>('log').push([new Uint8Array(100)]);
      expect(await relay.confirm(10_000)).toBe(false);
    } finally {
      relay.destroy();
      outerDoc.destroy();
      await doomed.dispose();
    }
  });
});
