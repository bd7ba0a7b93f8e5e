// A WebSocket proxy on loopback between clients and the real relay, hostile to what goes down
// to the clients while `hostile` is set: seeded, it flips bytes in frames, replays older frames
// and drops some. What clients send goes up untouched. Turned honest, it passes everything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { createRandom } from './fuzzFrames';

/** What the proxy did to frames going down, and the sync step 1s that went up. */
export interface ProxyTally {
  passed: number;
  flipped: number;
  replayed: number;
  dropped: number;
  stepOnesUp: number;
}

export interface HostileProxy {
  /** `ws://127.0.0.1:<port>`: give it to clients instead of the relay's address. */
  url: string;
  hostile: boolean;
  tally: ProxyTally;
  /** Closes every proxied connection (clients reconnect through the proxy). */
  cutAll(): void;
  /** Sends `frame` down to every client, as if the relay had. */
  inject(frame: Uint8Array): void;
  close(): Promise<void>;
}

/** A frame this long carries a blob (a sealed blob pads to at least 256 bytes). */
const BLOB_FRAME_BYTES = 300;

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data)
    ? new Uint8Array(Buffer.concat(data))
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data);

/**
 * Starts a proxy to `relayUrl` (a ws:// origin), seeded with `seed`.
 *
 * @example
 *   const proxy = await startHostileProxy({ relayUrl: wsUrl(server), seed: 7 });
 *   proxy.hostile = true;
 */
export async function startHostileProxy(input: {
  relayUrl: string;
  seed: number;
  /** Per frame while hostile: chance of a flip, a replay (as well), a drop. */
  rates?: { flip: number; replay: number; drop: number };
  /**
   * `blobs`: while hostile, flip the middle byte of every frame long enough to carry a blob,
   * and nothing else (a source that serves the same damage every time).
   */
  damage?: 'random' | 'blobs';
}): Promise<HostileProxy> {
  const random = createRandom(input.seed);
  const rates = input.rates ?? { flip: 0.35, replay: 0.15, drop: 0.1 };
  const tally: ProxyTally = { passed: 0, flipped: 0, replayed: 0, dropped: 0, stepOnesUp: 0 };
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http });
  const pairs = new Set<{ client: WebSocket; upstream: WebSocket }>();
  const proxy: HostileProxy = {
    url: '',
    hostile: false,
    tally,
    cutAll() {
      for (const { client, upstream } of pairs) {
        client.terminate();
        upstream.terminate();
      }
    },
    inject(frame) {
      for (const { client } of pairs) if (client.readyState === WebSocket.OPEN) client.send(frame);
    },
    async close() {
      proxy.cutAll();
      await new Promise<void>((done) => wss.close(() => done()));
      await new Promise<void>((done) => http.close(() => done()));
    },
  };
  wss.on('connection', (client, request) => {
    const upstream = new WebSocket(`${input.relayUrl}${request.url ?? ''}`);
    const pair = { client, upstream };
    pairs.add(pair);
    const early: RawData[] = [];
    const history: Uint8Array[] = [];
    upstream.on('open', () => {
      for (const data of early.splice(0)) upstream.send(data);
    });
    client.on('message', (data) => {
      const up = toBytes(data);
      if (up[0] === 0 && up[1] === 0) tally.stepOnesUp += 1;
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data);
      else early.push(data);
    });
    const down = (bytes: Uint8Array) => {
      if (client.readyState === WebSocket.OPEN) client.send(bytes);
    };
    upstream.on('message', (data) => {
      const bytes = toBytes(data);
      history.push(bytes);
      if (!proxy.hostile) {
        tally.passed += 1;
        down(bytes);
        return;
      }
      if (input.damage === 'blobs') {
        if (bytes.length < BLOB_FRAME_BYTES) {
          tally.passed += 1;
          down(bytes);
          return;
        }
        const damaged = bytes.slice();
        const middle = damaged.length >> 1;
        damaged[middle] = (damaged[middle] ?? 0) ^ 0x10;
        tally.flipped += 1;
        down(damaged);
        return;
      }
      if (random.next() < rates.replay && history.length > 1) {
        tally.replayed += 1;
        down(history[random.int(history.length - 1)]!);
      }
      if (random.next() < rates.drop) {
        tally.dropped += 1;
        return;
      }
      if (random.next() < rates.flip && bytes.length > 0) {
        const damaged = bytes.slice();
        const flips = 1 + random.int(3);
        for (let i = 0; i < flips; i += 1) {
          const at = random.int(damaged.length);
          damaged[at] = (damaged[at] ?? 0) ^ (1 << random.int(8));
        }
        tally.flipped += 1;
        down(damaged);
        return;
      }
      tally.passed += 1;
      down(bytes);
    });
    const end = () => {
      pairs.delete(pair);
      client.terminate();
      upstream.terminate();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', () => done()));
  proxy.url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return proxy;
}
