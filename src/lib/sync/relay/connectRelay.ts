// The stock y-websocket client syncs the OUTER doc (sealed blobs only) with the relay at
// `<url>/sync/<room id>?token=<relay token>`. Three departures from its defaults, and why:
//  - Awareness is not sent at all: the provider gets an Awareness whose local state is null
//    before it connects, so no state (not even an empty one) ever leaves the device. Who is
//    online would otherwise be readable by the relay; a sealed awareness can come later.
//  - Without awareness traffic an idle connection receives nothing, and the client drops
//    connections silent for 30 s. A keep-alive sends a sync step 1 every `keepAliveMs`; the
//    relay's answer keeps the socket alive and doubles as anti-entropy. (The provider's own
//    `resyncInterval` reads the global `WebSocket`, which Node 20 lacks.)
//  - BroadcastChannel is off: tabs of one device sync through the relay like everyone else.
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import type { RelayToken, RoomId } from '$lib/crypto';
import type { Clock, TimerHandle } from '../clock/clock';
import type { SyncConnection } from '../status/syncStatus';

/** Where and how to reach the relay. */
export interface RelayOptions {
  /** The server's WebSocket origin, e.g. `wss://trellis.example`; `/sync/<room>` is appended. */
  url: string;
  /** A WebSocket class for Node (the `ws` package); browsers use their own. */
  WebSocketPolyfill?: unknown;
  /** Connect at once (default true). */
  connect?: boolean;
  /** Milliseconds between keep-alive sync messages (default 10 000). */
  keepAliveMs?: number;
}

/** What the relay connection reports. */
export interface RelayState {
  connection: SyncConnection;
  /** Set when the relay refused the room for good (4400–4499 but 4429, e.g. a wrong token). */
  refused: { code: number; reason: string } | null;
}

/** A live relay connection. */
export interface RelayConnection {
  connect(): void;
  disconnect(): void;
  destroy(): void;
  /**
   * Resolves true once the relay has processed (and stored: it answers nothing before) every
   * message this client sent on the current socket so far; false when there is no open socket,
   * it closes first, or `timeoutMs` passes. A sync step 1 is sent and its step 2 awaited: the
   * relay answers a socket's messages in order.
   */
  confirm(timeoutMs?: number): Promise<boolean>;
}

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const CONFIRM_TIMEOUT_MS = 15_000;

/** Counts one socket's sync step 1s sent and step 2s received, to match a reply to its ask. */
interface SocketTally {
  socket: WebSocket;
  sent: number;
  received: number;
  waiters: Set<{ target: number; done: (confirmed: boolean) => void }>;
}
/** The relay's close code for a connection over its rate limits (see sync-server/relay.ts). */
const RATE_LIMITED = 4429;
const isClientError = (event: { code: number }) => event.code >= 4400 && event.code < 4500;
const OPEN = 1;

/**
 * Connects an outer doc to its room on the relay.
 *
 * @example
 *   const relay = connectRelay({ outerDoc, roomId, relayToken, clock, options: { url }, onState });
 */
export function connectRelay(input: {
  outerDoc: Y.Doc;
  roomId: RoomId;
  relayToken: RelayToken;
  clock: Clock;
  options: RelayOptions;
  onState: (state: RelayState) => void;
}): RelayConnection {
  const { outerDoc, roomId, relayToken, clock, options, onState } = input;
  const awareness = new Awareness(outerDoc);
  awareness.setLocalState(null);
  const provider = new WebsocketProvider(
    `${options.url.replace(/\/+$/, '')}/sync`,
    roomId,
    outerDoc,
    {
      connect: false,
      awareness,
      params: { token: relayToken },
      disableBc: true,
      // 44xx closes are final (a wrong token stays wrong), except "too many requests": that one
      // passes, so the provider retries with its growing backoff.
      shouldReconnect: (event: CloseEvent) => event.code === RATE_LIMITED || !isClientError(event),
      ...(options.WebSocketPolyfill
        ? { WebSocketPolyfill: options.WebSocketPolyfill as typeof WebSocket }
        : {}),
    },
  );
  let refused: RelayState['refused'] = null;
  const report = () => {
    const connection: SyncConnection = provider.synced
      ? 'synced'
      : provider.wsconnected || provider.wsconnecting
        ? 'connecting'
        : 'offline';
    onState({ connection, refused });
  };
  let tally: SocketTally | undefined;
  /** Answers the waiters whose reply has come (true), or all of them (false). */
  const settle = (current: SocketTally, outcome: 'replied' | 'gone') => {
    for (const waiter of [...current.waiters]) {
      const replied = current.received >= waiter.target;
      if (outcome === 'replied' && !replied) continue;
      current.waiters.delete(waiter);
      waiter.done(outcome === 'replied');
    }
  };
  // Every socket the provider opens is tallied from its first message: y-websocket sends its
  // own step 1 right after announcing "connected", and the keep-alive sends more.
  const track = () => {
    const socket = provider.ws as WebSocket | null;
    if (!socket || tally?.socket === socket) return;
    // A socket without listeners (a test double) is not tallied: confirm then answers false.
    if (typeof socket.addEventListener !== 'function') return;
    if (tally) settle(tally, 'gone');
    const current: SocketTally = { socket, sent: 0, received: 0, waiters: new Set() };
    tally = current;
    const send = socket.send.bind(socket);
    socket.send = (data: Parameters<WebSocket['send']>[0]) => {
      if (isSyncMessage(data, SYNC_STEP_1)) current.sent += 1;
      send(data);
    };
    socket.addEventListener('message', (event: MessageEvent) => {
      if (!isSyncMessage(event.data, SYNC_STEP_2)) return;
      current.received += 1;
      settle(current, 'replied');
    });
    socket.addEventListener('close', () => settle(current, 'gone'));
  };
  provider.on('status', track);
  provider.on('status', report);
  provider.on('sync', report);
  provider.on('closed', (event) => {
    refused = { code: event.code, reason: event.reason };
    report();
  });

  let keepAlive: TimerHandle | undefined;
  const tick = () => {
    const socket = provider.ws;
    if (socket && socket.readyState === OPEN) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, outerDoc);
      socket.send(encoding.toUint8Array(encoder));
    }
    keepAlive = clock.setTimeout(tick, options.keepAliveMs ?? 10_000);
  };
  keepAlive = clock.setTimeout(tick, options.keepAliveMs ?? 10_000);

  if (options.connect ?? true) provider.connect();
  report();
  return {
    connect: () => {
      refused = null;
      provider.connect();
    },
    disconnect: () => provider.disconnect(),
    destroy: () => {
      if (keepAlive) clock.clearTimeout(keepAlive);
      if (tally) settle(tally, 'gone');
      provider.destroy();
      awareness.destroy();
    },
    confirm: (timeoutMs = CONFIRM_TIMEOUT_MS) => {
      track();
      const current = tally;
      if (!current || current.socket.readyState !== OPEN) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const waiter = {
          target: current.sent + 1,
          done: (confirmed: boolean) => {
            clock.clearTimeout(timer);
            resolve(confirmed);
          },
        };
        const timer = clock.setTimeout(() => {
          if (current.waiters.delete(waiter)) resolve(false);
        }, timeoutMs);
        current.waiters.add(waiter);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, outerDoc);
        current.socket.send(encoding.toUint8Array(encoder));
      });
    },
  };
}

/** Whether `data` (as sent or received) is a y-sync message of `step`. */
function isSyncMessage(data: unknown, step: number): boolean {
  const bytes =
    data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  return bytes !== null && bytes[0] === MESSAGE_SYNC && bytes[1] === step;
}
