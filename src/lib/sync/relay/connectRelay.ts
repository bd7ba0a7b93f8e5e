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
}

const MESSAGE_SYNC = 0;
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
      provider.destroy();
      awareness.destroy();
    },
  };
}
