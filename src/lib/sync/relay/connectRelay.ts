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
//  - Every frame is read here first: a frame that does not parse (or makes the provider throw) is
//    counted and dropped, never thrown into the page, and a plain sync step 1 fetches again
//    whatever it carried; the updates of good frames are shown to `onIncomingUpdate` before the
//    provider applies them (the engine takes intact copies of set-aside items there).
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
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

/** What the engine hears of incoming frames. */
export interface RelayFrameHooks {
  /**
   * The update of a sync step 2 or update message, before the provider applies it; false drops
   * the frame as garbled.
   */
  onIncomingUpdate?: (update: Uint8Array) => boolean;
  /** A frame that did not parse or could not be applied. */
  onGarbledFrame?: () => void;
  /**
   * The state vector to answer the relay's sync step 1 against, given the one it sent: a client
   * may claim more than the relay has, so items this device must not serve are not sent.
   */
  answerVector?: (stateVector: Uint8Array) => Uint8Array;
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
  /**
   * Sends a sync step 1 claiming `stateVector` (less than the doc holds, to be sent items
   * again); false when there is no open socket.
   */
  askFrom(stateVector: Uint8Array): boolean;
}

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** y-websocket's other message types: awareness, auth, query awareness. */
const OTHER_MESSAGES = new Set([1, 2, 3]);
/** A garbled frame is followed by a step 1, at most this often. */
const RESYNC_AFTER_GARBLED_MS = 1_000;
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
  hooks?: RelayFrameHooks;
}): RelayConnection {
  const { outerDoc, roomId, relayToken, clock, options, onState, hooks = {} } = input;
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
  // The stock sync handler, with two changes: an update that fails to apply is counted (y-protocols
  // catches it and only logs it), and the relay's step 1 is answered against `answerVector`.
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, target, emitSynced) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    const step = decoding.readVarUint(decoder);
    const failed = () => {
      const socket = target.ws as WebSocket | null;
      if (socket) garbled(socket);
    };
    if (step === SYNC_STEP_1) {
      const asked = decoding.readVarUint8Array(decoder);
      syncProtocol.writeSyncStep2(encoder, target.doc, hooks.answerVector?.(asked) ?? asked);
      return;
    }
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) throw new Error('Unknown message type');
    syncProtocol.readSyncStep2(decoder, target.doc, target, failed);
    if (emitSynced && step === SYNC_STEP_2 && !target.synced) target.synced = true;
  };
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
  const sendStep1 = (socket: WebSocket, stateVector = Y.encodeStateVector(outerDoc)) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(encoder, stateVector);
    socket.send(encoding.toUint8Array(encoder));
  };
  let resyncAt = 0;
  const garbled = (socket: WebSocket) => {
    hooks.onGarbledFrame?.();
    if (clock.now() < resyncAt || socket.readyState !== OPEN) return;
    resyncAt = clock.now() + RESYNC_AFTER_GARBLED_MS;
    sendStep1(socket);
  };
  const guarded = new WeakSet<object>();
  /** Reads every frame of `socket` before the provider does (see the file comment). */
  const guard = (socket: WebSocket) => {
    const handle = socket.onmessage;
    if (guarded.has(socket) || typeof handle !== 'function') return;
    guarded.add(socket);
    socket.onmessage = (event: MessageEvent) => {
      const frame = readFrame(event.data);
      if (frame === 'garbled') {
        garbled(socket);
        return;
      }
      try {
        // A socket the provider has let go of is read no more (the provider ignores it too).
        const current = provider.ws === socket;
        if (frame && current && hooks.onIncomingUpdate?.(frame) === false) {
          garbled(socket);
          return;
        }
        handle.call(socket, event);
      } catch {
        garbled(socket);
      }
    };
  };
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
    if (socket) guard(socket);
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
    if (socket && socket.readyState === OPEN) sendStep1(socket);
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
        sendStep1(current.socket);
      });
    },
    askFrom: (stateVector) => {
      const socket = provider.ws;
      if (!socket || socket.readyState !== OPEN || !provider.synced) return false;
      sendStep1(socket, stateVector);
      return true;
    },
  };
}

/**
 * The update a frame carries (sync step 2 or update), null for a good frame without one, or
 * 'garbled' for one that does not parse as any y-websocket message.
 */
function readFrame(data: unknown): Uint8Array | null | 'garbled' {
  const bytes =
    data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  if (!bytes) return 'garbled';
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type !== MESSAGE_SYNC) return OTHER_MESSAGES.has(type) ? null : 'garbled';
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === SYNC_STEP_1) return null;
    return step === SYNC_STEP_2 || step === SYNC_UPDATE ? payload : 'garbled';
  } catch {
    return 'garbled';
  }
}

/** Whether `data` (as sent or received) is a y-sync message of `step`. */
function isSyncMessage(data: unknown, step: number): boolean {
  const bytes =
    data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  return bytes !== null && bytes[0] === MESSAGE_SYNC && bytes[1] === step;
}
