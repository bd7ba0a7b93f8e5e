// The load generator of `npm run bench -- relay-load`, run as its own process (forked with an
// IPC channel) so its CPU is not the server's. It opens N connections in N/2 rooms, each
// connection sending a ~300-byte blob every `meanIntervalMs` on average (exponential gaps),
// and measures relay latency: the time from one client sending a blob to its partner receiving
// it. It speaks the y-sync protocol directly and never applies what it receives, to stay light.
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface GeneratorPlan {
  /** `ws://host:port/sync` for Trellis, `ws://host:port` for the stock server. */
  baseUrl: string;
  connections: number;
  warmupSeconds: number;
  windowSeconds: number;
  meanIntervalMs: number;
  seed: number;
}

export type GeneratorMessage =
  | { type: 'connected'; open: number; failed: number }
  | { type: 'window-start' }
  | { type: 'window-end' }
  | {
      type: 'result';
      sent: number;
      delivered: number;
      p50: number;
      p99: number;
      max: number;
      closedEarly: number;
      /** The generator's own event-loop delay (p99, ms): if high, it, not the relay, is slow. */
      generatorLagP99: number;
    };

const MAGIC = Buffer.from('TRLB');
const BLOB_BYTES = 300;
const CONNECT_CONCURRENCY = 100;

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function credentials(pair: number): { roomId: string; token: string } {
  const derive = (purpose: string) =>
    createHash('sha256').update(`${purpose}:bench:${pair}`).digest('base64url');
  return { roomId: derive('room'), token: derive('token') };
}

function frame(step: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + 5 + payload.length);
  out[0] = 0;
  out[1] = step;
  let pos = 2;
  let length = payload.length;
  while (length > 0x7f) {
    out[pos++] = (length & 0x7f) | 0x80;
    length >>>= 7;
  }
  out[pos++] = length;
  out.set(payload, pos);
  return out.subarray(0, pos + payload.length);
}

interface Client {
  index: number;
  partner: number;
  ws: WebSocket;
  doc: Y.Doc;
  seq: number;
  open: boolean;
}

async function run(plan: GeneratorPlan, send: (message: GeneratorMessage) => Promise<void>) {
  const random = createRandom(plan.seed);
  const clients: Client[] = [];
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let measuring = false;
  let sent = 0;
  let closedEarly = 0;
  let stopping = false;

  const onMessage = (client: Client, data: Buffer) => {
    // Only updates (0, 2, …) count: sync step 2 replies at connect time replay old blobs.
    if (!measuring || data[0] !== 0 || data[1] !== 2) return;
    const now = performance.now();
    for (let at = data.indexOf(MAGIC); at >= 0; at = data.indexOf(MAGIC, at + 4)) {
      const from = data.readUInt32BE(at + 4);
      if (from !== client.partner) continue;
      const key = from * 1_000_000 + data.readUInt32BE(at + 8);
      const started = sentAt.get(key);
      if (started !== undefined) {
        latencies.push(now - started);
        sentAt.delete(key);
      }
    }
  };

  const connect = (index: number) =>
    new Promise<boolean>((resolve) => {
      const pair = index >> 1;
      const { roomId, token } = credentials(pair);
      const ws = new WebSocket(`${plan.baseUrl}/${roomId}?token=${token}`, {
        perMessageDeflate: false,
      });
      const doc = new Y.Doc();
      doc.clientID = index + 1;
      const client: Client = { index, partner: index ^ 1, ws, doc, seq: 0, open: false };
      clients[index] = client;
      doc.on('update', (update: Uint8Array) => {
        if (client.open) ws.send(frame(2, update));
      });
      ws.on('open', () => {
        client.open = true;
        ws.send(frame(0, new Uint8Array([0])));
        resolve(true);
      });
      ws.on('message', (data: Buffer) => onMessage(client, data));
      ws.on('error', () => resolve(false));
      ws.on('close', () => {
        if (client.open && !stopping) closedEarly += 1;
        client.open = false;
        resolve(false);
      });
    });

  let open = 0;
  let failed = 0;
  for (let start = 0; start < plan.connections; start += CONNECT_CONCURRENCY) {
    const batch = [];
    for (let i = start; i < Math.min(plan.connections, start + CONNECT_CONCURRENCY); i++) {
      batch.push(connect(i));
    }
    for (const ok of await Promise.all(batch)) {
      if (ok) open += 1;
      else failed += 1;
    }
  }
  void send({ type: 'connected', open, failed });

  const blob = (client: Client) => {
    const bytes = new Uint8Array(BLOB_BYTES);
    for (let i = 12; i < BLOB_BYTES; i++) bytes[i] = (random() * 256) | 0;
    bytes.set(MAGIC, 0);
    const view = new DataView(bytes.buffer);
    view.setUint32(4, client.index);
    view.setUint32(8, client.seq);
    return bytes;
  };
  const schedule = (client: Client) => {
    const gap = -Math.log(1 - random()) * plan.meanIntervalMs;
    setTimeout(() => {
      if (stopping) return;
      if (client.open) {
        client.seq += 1;
        if (measuring) {
          sentAt.set(client.index * 1_000_000 + client.seq, performance.now());
          sent += 1;
        }
        client.doc.getArray<Uint8Array>('log').push([blob(client)]);
      }
      schedule(client);
    }, gap);
  };
  for (const client of clients) schedule(client);

  await new Promise((resolve) => setTimeout(resolve, plan.warmupSeconds * 1000));
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  measuring = true;
  void send({ type: 'window-start' });
  await new Promise((resolve) => setTimeout(resolve, plan.windowSeconds * 1000));
  void send({ type: 'window-end' });
  lag.disable();
  // Blobs sent just before the end get a moment to arrive before they count as lost.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  measuring = false;
  stopping = true;

  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  await send({
    type: 'result',
    sent,
    delivered: latencies.length,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    closedEarly,
    generatorLagP99: lag.percentile(99) / 1e6,
  });
  for (const client of clients) client.ws.terminate();
}

const plan = JSON.parse(process.argv[2] ?? '{}') as GeneratorPlan;
const report = (message: GeneratorMessage) =>
  new Promise<void>((done) => (process.send ? process.send(message, () => done()) : done()));
run(plan, report).then(
  // Exit at once: the clients' send timers would otherwise keep the process alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
