import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as connectTcp } from 'node:net';
import * as Y from 'yjs';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import {
  connectClient,
  connectRaw,
  credentials,
  expectStillServing,
  fakeBlob,
  readMetric,
  roomPath,
  syncMessage,
  waitUntil,
  whenSynced,
} from './support/relayTestKit';

/** A valid update message carrying one blob, to cut and corrupt. */
function validUpdateMessage(): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<Uint8Array>('log').push([fakeBlob(1)]);
  return syncMessage.update(Y.encodeStateAsUpdate(doc));
}

describe('hostile input: each gets its close code, and the server carries on', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({
      env: {
        RATE_UPGRADES_PER_IP: '1000',
        RATE_UPGRADES_BURST: '1000',
        // Small, so a client that never reads is found after a few MB, not hundreds.
        MAX_BUFFERED_BYTES: String(256 * 1024),
        RATE_BYTES_PER_SECOND: String(256 * 1024 * 1024),
      },
    });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('closes with 4401 when the token is missing, and y-websocket stops reconnecting', async () => {
    const room = credentials('missing-token');
    const raw = connectRaw(server, room.roomId);
    expect((await raw.closed).code).toBe(4401);

    const client = connectClient(server, { roomId: room.roomId, token: '' });
    try {
      const closed = new Promise<{ code: number }>((resolve) =>
        client.provider.on('closed', (event) => resolve(event)),
      );
      expect((await closed).code).toBe(4401);
      expect(client.provider.shouldConnect).toBe(false);
    } finally {
      client.destroy();
    }
    await expectStillServing(server, 'missing token');
  });

  it('closes with 4401 on a wrong token once the room is claimed', async () => {
    const room = credentials('wrong-token');
    const owner = connectClient(server, room);
    await whenSynced(owner);
    const intruder = connectRaw(server, roomPath({ ...room, token: credentials('other').token }));
    expect((await intruder.closed).code).toBe(4401);
    const malformed = connectRaw(server, `${room.roomId}?token=not*a*token`);
    expect((await malformed.closed).code).toBe(4401);
    owner.destroy();
    await expectStillServing(server, 'wrong token');
  });

  it('closes with 4400 on a malformed room id', async () => {
    const { token } = credentials('malformed-room');
    for (const roomId of ['short', 'a'.repeat(129), `${'a'.repeat(20)}$${'b'.repeat(20)}`, '']) {
      const raw = connectRaw(server, `${roomId}?token=${token}`);
      expect((await raw.closed).code).toBe(4400);
    }
    await expectStillServing(server, 'malformed room');
  });

  it('closes with 1009 on a frame over the limit', async () => {
    const raw = connectRaw(server, roomPath(credentials('oversize')));
    expect(await raw.opened).toBe(true);
    raw.send(new Uint8Array(2 * 1024 * 1024 + 1));
    expect((await raw.closed).code).toBe(1009);
    await expectStillServing(server, 'oversize frame');
  });

  it('closes with 4429 on a flood beyond the message rate', async () => {
    const raw = connectRaw(server, roomPath(credentials('flood')));
    expect(await raw.opened).toBe(true);
    // Past the burst (1000) faster than the rate (100 a second) refills it.
    for (let i = 0; i < 3000; i++) raw.send(syncMessage.step1());
    expect((await raw.closed).code).toBe(4429);
    expect(
      await readMetric(server, 'trellis_relay_rejections_total{reason="rate_limited"}'),
    ).toBeGreaterThan(0);
    await expectStillServing(server, 'flood');
  });

  it('closes with 1007 on garbage bytes and unknown message types', async () => {
    const garbage = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
      new Uint8Array([7, 1, 2, 3]),
      new Uint8Array([0, 9, 1, 0]),
      new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]),
      new Uint8Array([1, 3, 1, 2, 3]),
      new Uint8Array([]),
    ];
    for (const bytes of garbage) {
      const raw = connectRaw(server, roomPath(credentials('garbage')));
      expect(await raw.opened).toBe(true);
      raw.send(bytes);
      expect((await raw.closed).code).toBe(1007);
    }
    await expectStillServing(server, 'garbage');
  });

  it('closes with 1007 on truncated Yjs messages, storing nothing of them', async () => {
    const room = credentials('truncated');
    const message = validUpdateMessage();
    for (const length of [1, 2, 3, 10, message.length >> 1, message.length - 1]) {
      const raw = connectRaw(server, roomPath(room));
      expect(await raw.opened).toBe(true);
      raw.send(message.subarray(0, length));
      expect((await raw.closed).code).toBe(1007);
    }
    const reader = connectClient(server, room);
    await whenSynced(reader);
    expect(reader.log.length).toBe(0);
    reader.destroy();
    await expectStillServing(server, 'truncated');
  });

  it('closes with 1003 on a text frame', async () => {
    const raw = connectRaw(server, roomPath(credentials('text')));
    expect(await raw.opened).toBe(true);
    raw.send('hello');
    expect((await raw.closed).code).toBe(1003);
    await expectStillServing(server, 'text frame');
  });

  it('drops a client that connects and never reads', async () => {
    const room = credentials('never-reads');
    const url = new URL(server.url);
    const sleeper = connectTcp({ host: url.hostname, port: Number(url.port) });
    sleeper.on('error', () => {});
    await new Promise<void>((resolve) => sleeper.once('connect', () => resolve()));
    sleeper.write(
      `GET /sync/${roomPath(room)} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    );
    sleeper.pause(); // never reads a byte

    const talker = connectRaw(server, roomPath(room));
    expect(await talker.opened).toBe(true);
    await waitUntil(
      async () => (await readMetric(server, 'trellis_relay_connections')) >= 2,
      'both connections are open',
    );
    // Awareness is broadcast to everyone in the room, the sleeper included; 512 KB a message.
    const state = { blob: 'x'.repeat(512 * 1024) };
    const dropped = () =>
      readMetric(server, 'trellis_relay_rejections_total{reason="slow_reader"}');
    for (let clock = 1; clock <= 200 && (await dropped()) === 0; clock++) {
      talker.send(syncMessage.awareness(4242, clock, state));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await dropped()).toBe(1);
    sleeper.destroy();
    talker.ws.close();
    await expectStillServing(server, 'never reads');
  });

  it('survives upgrade requests that are not URLs or not WebSocket handshakes', async () => {
    const url = new URL(server.url);
    const requests = [
      'GET http://[ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      `GET /sync/${roomPath(credentials('bad-handshake'))} HTTP/1.1\r\nHost: x\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    ];
    for (const request of requests) {
      const socket = connectTcp({ host: url.hostname, port: Number(url.port) });
      socket.on('error', () => {});
      socket.on('data', () => {});
      const ended = new Promise((resolve) => socket.once('close', resolve));
      socket.write(request);
      await ended;
    }
    await expectStillServing(server, 'broken upgrades');
  });

  it('stays up through all of the above', async () => {
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('capacity and address limits', () => {
  it('closes with 4503 when the server is full', async () => {
    const server = await startServerProcess({ env: { MAX_CONNECTIONS: '2' } });
    try {
      const a = connectRaw(server, roomPath(credentials('full-a')));
      const b = connectRaw(server, roomPath(credentials('full-b')));
      expect(await a.answered()).toBe('admitted');
      expect(await b.answered()).toBe('admitted');
      await waitUntil(
        async () => (await readMetric(server, 'trellis_relay_connections')) === 2,
        'two connections are open',
      );
      const c = connectRaw(server, roomPath(credentials('full-c')));
      expect((await c.closed).code).toBe(4503);
      a.ws.close();
      await a.closed;
      await waitUntil(
        async () => (await readMetric(server, 'trellis_relay_connections')) === 1,
        'a slot is free',
      );
      const d = connectRaw(server, roomPath(credentials('full-d')));
      expect(await d.answered()).toBe('admitted');
      d.ws.close();
      b.ws.close();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.dispose();
    }
  });

  it('closes with 4429 when one address opens connections too fast', async () => {
    const server = await startServerProcess({
      env: { RATE_UPGRADES_PER_IP: '1', RATE_UPGRADES_BURST: '3' },
    });
    try {
      const answers: ('admitted' | number)[] = [];
      for (let i = 0; i < 6; i++) {
        const raw = connectRaw(server, roomPath(credentials(`upgrade-rate-${i}`)));
        answers.push(await raw.answered());
        raw.ws.close();
      }
      // The burst of 3 is admitted; the rest, arriving faster than 1 a second, are not.
      expect(answers.slice(0, 3)).toEqual(['admitted', 'admitted', 'admitted']);
      expect(answers).toContain(4429);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.dispose();
    }
  });

  it('lets a client that repeats what the room holds back in, near the size limit', async () => {
    const server = await startServerProcess({ env: { MAX_ROOM_BYTES: '8192' } });
    try {
      const room = credentials('room-near-full');
      const writer = connectClient(server, room);
      await whenSynced(writer);
      writer.log.push([fakeBlob(1, 2500), fakeBlob(2, 2500)]);
      await waitUntil(
        async () => (await readMetric(server, 'trellis_relay_persist_seconds_count')) > 0,
        'the write',
      );
      // A device that already holds all 5 KB and sends them again (as a sync step 2 computed
      // against an older state vector would): nothing new, so no reason to refuse it.
      const full = Y.encodeStateAsUpdate(writer.doc);
      writer.destroy();
      const returning = connectRaw(server, roomPath(room));
      expect(await returning.answered()).toBe('admitted');
      const before = returning.received.length;
      returning.send(syncMessage.step2(full));
      returning.send(syncMessage.step1());
      await returning.until(
        () => returning.closeCode() !== undefined || returning.received.length > before,
        'the server answered the repeat',
      );
      expect(returning.closeCode()).toBeUndefined();
      const reader = connectClient(server, room);
      await waitUntil(() => reader.log.length === 2, 'the reader got both blobs');
      returning.ws.close();
      reader.destroy();
    } finally {
      await server.dispose();
    }
  });

  it('closes with 4413 when a room would outgrow its size limit', async () => {
    const server = await startServerProcess({ env: { MAX_ROOM_BYTES: '4096' } });
    try {
      const room = credentials('room-full');
      const client = connectClient(server, room);
      await whenSynced(client);
      const closed = new Promise<{ code: number }>((resolve) =>
        client.provider.on('closed', (event) => resolve(event)),
      );
      for (let i = 0; i < 20; i++) client.log.push([fakeBlob(i, 1000)]);
      expect((await closed).code).toBe(4413);
      client.destroy();
      await expectStillServing(server, 'room full');
    } finally {
      await server.dispose();
    }
  });
});
