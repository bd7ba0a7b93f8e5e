import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerProcess } from '../../support/serverProcess';

/** A room id and token as the sync core derives them: base64url of 32 bytes, from a label. */
export function credentials(label: string): { roomId: string; token: string } {
  const derive = (purpose: string) =>
    createHash('sha256').update(`${purpose}:${label}`).digest('base64url');
  return { roomId: derive('room'), token: derive('token') };
}

export function wsUrl(server: ServerProcess): string {
  return server.url.replace(/^http/, 'ws');
}

/**
 * Polls `check` until it returns true, at most `timeoutMs`: a bounded wait for a condition, not
 * a timing assertion. Throws naming `what` if the condition never holds.
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A WebSocket class the provider can construct, `ws`'s own or a subclass of it. */
export type WebSocketClass = new (address: string, protocols?: string | string[]) => WebSocket;

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  log: Y.Array<Uint8Array>;
  /** Every close event the provider saw. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/**
 * A stock y-websocket client, as the app's sync core uses it: serverUrl `<origin>/sync`, room
 * name = room id, `params: { token }`. `log` is the outer doc's array of sealed blobs.
 */
export function connectClient(
  server: ServerProcess | string,
  room: { roomId: string; token: string },
  options: { doc?: Y.Doc; WebSocketPolyfill?: WebSocketClass } = {},
): SyncClient {
  const doc = options.doc ?? new Y.Doc();
  const base = typeof server === 'string' ? server : wsUrl(server);
  const provider = new WebsocketProvider(`${base}/sync`, room.roomId, doc, {
    WebSocketPolyfill: (options.WebSocketPolyfill ??
      WebSocket) as unknown as typeof globalThis.WebSocket,
    params: { token: room.token },
    disableBc: true,
    maxBackoffTime: 500,
  });
  const closes: SyncClient['closes'] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    log: doc.getArray<Uint8Array>('log'),
    closes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until the provider has finished its first sync with the server. */
export function whenSynced(client: SyncClient, timeoutMs = 15_000): Promise<void> {
  return waitUntil(() => client.provider.synced, 'the client synced', timeoutMs);
}

/** y-sync messages, encoded as the stock client does. */
export const syncMessage = {
  step1(stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
    return frame(0, 0, stateVector);
  },
  step2(update: Uint8Array): Uint8Array {
    return frame(0, 1, update);
  },
  update(update: Uint8Array): Uint8Array {
    return frame(0, 2, update);
  },
  awareness(clientId: number, clock: number, state: unknown): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
    const outer = encoding.createEncoder();
    encoding.writeVarUint(outer, 1);
    encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
    return encoding.toUint8Array(outer);
  },
};

function frame(type: number, step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export type ServerMessage =
  | { kind: 'sync-step-1' | 'sync-step-2' | 'update'; payload: Uint8Array }
  | { kind: 'awareness' | 'other'; payload: Uint8Array };

/** Decodes a message the server sent. */
export function readServerMessage(bytes: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(bytes);
  const type = decoding.readVarUint(decoder);
  if (type === 0) {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    const kind = (['sync-step-1', 'sync-step-2', 'update'] as const)[step];
    return kind ? { kind, payload } : { kind: 'other', payload };
  }
  if (type === 1) return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
  return { kind: 'other', payload: bytes };
}

export interface RawClient {
  ws: WebSocket;
  /** Every message received, in order. */
  received: Uint8Array[];
  opened: Promise<boolean>;
  closed: Promise<{ code: number; reason: string }>;
  /** The close code once closed. */
  closeCode(): number | undefined;
  /** Resolves once the server spoke first: with a message (admitted) or a close code (refused). */
  answered(): Promise<'admitted' | number>;
  /** Resolves once `check` holds, re-checked on every message and on close (bounded in time). */
  until(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  send(bytes: Uint8Array | string): void;
}

/** A bare WebSocket to `/sync/<path>`, recording what arrives, for tests below the provider. */
export function connectRaw(server: ServerProcess, path: string): RawClient {
  const ws = new WebSocket(`${wsUrl(server)}/sync/${path}`);
  const received: Uint8Array[] = [];
  const watchers = new Set<() => void>();
  const notify = () => watchers.forEach((watcher) => watcher());
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer) => {
    received.push(new Uint8Array(data));
    notify();
  });
  ws.on('error', () => {});
  const until = (check: () => boolean, what: string, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => {
        watchers.delete(watcher);
        reject(new Error(`timed out waiting until ${what}`));
      }, timeoutMs);
      const watcher = () => {
        if (!check()) return;
        clearTimeout(timer);
        watchers.delete(watcher);
        resolve();
      };
      watchers.add(watcher);
    });
  const opened = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('close', () => resolve(false));
  });
  let closeCode: number | undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => {
      closeCode = code;
      resolve({ code, reason: reason.toString() });
      notify();
    }),
  );
  return {
    ws,
    received,
    opened,
    closed,
    closeCode: () => closeCode,
    async answered() {
      await until(
        () => received.length > 0 || closeCode !== undefined,
        'the server answered the connection',
      );
      return received.length > 0 ? 'admitted' : (closeCode ?? 0);
    },
    until,
    send: (bytes) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(bytes);
    },
  };
}

export function roomPath(room: { roomId: string; token: string }): string {
  return `${room.roomId}?token=${room.token}`;
}

/** A ~300-byte stand-in for a sealed blob: opaque bytes, seeded by `seq`. */
export function fakeBlob(seq: number, size = 300): Uint8Array {
  const blob = new Uint8Array(size);
  let state = (seq * 2654435761) >>> 0;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    blob[i] = state >>> 24;
  }
  new DataView(blob.buffer).setUint32(0, seq);
  return blob;
}

/** The sequence number `fakeBlob` wrote into a blob. */
export function blobSeq(blob: Uint8Array): number {
  return new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0);
}

/** `/healthz` answers 200, and two fresh clients in a new room still sync through the server. */
export async function expectStillServing(server: ServerProcess, label: string): Promise<void> {
  const health = await fetch(`${server.url}/healthz`);
  if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
  const room = credentials(`still-serving:${label}`);
  const a = connectClient(server, room);
  const b = connectClient(server, room);
  try {
    a.log.push([fakeBlob(1)]);
    await waitUntil(() => b.log.length === 1, `another room (${label}) still syncs`);
  } finally {
    a.destroy();
    b.destroy();
  }
}

/** One metric's value from `/metrics`, or 0 if absent. */
export async function readMetric(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}
