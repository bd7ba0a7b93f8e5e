import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer, type WebSocket } from 'ws';
import { createAddressLimiter } from './addressLimiter.js';
import { REJECTIONS, type RejectionReason } from './closeCodes.js';
import type { RelayLimits } from './limits.js';
import { roomTag, type Logger } from './logger.js';
import type { RelayMetrics } from './metrics.js';
import type { MessageErrorCode } from './parseClientMessage.js';
import { RelayConnection } from './relayConnection.js';
import type { RelayRoom } from './relayRoom.js';
import { createRoomRegistry } from './roomRegistry.js';
import type { RoomStore } from './roomStore.js';
import type { RoomAuth } from './tokenAuth.js';

/** Room ids are base64url strings derived by the sync core; anything else is refused. */
const ROOM_PATH = /^\/sync\/([A-Za-z0-9_-]{16,128})$/;
/** How long shutdown waits for clients to answer the close handshake. */
const CLOSE_GRACE_MS = 2_000;

export interface Relay {
  /** Takes over an HTTP upgrade; returns false when the path is not a relay path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stats(): { connections: number };
  /** Stops taking messages, makes everything durable, closes every connection with 1001. */
  close(): Promise<void>;
}

export interface RelayDeps {
  store: RoomStore;
  auth: RoomAuth;
  limits: RelayLimits;
  metrics: RelayMetrics;
  log: Logger;
}

/**
 * The y-websocket relay: each room is one outer doc of sealed blobs, which the relay cannot
 * read. Every check happens at the HTTP upgrade, before a Yjs message is read: room id (4400),
 * rate and per-address limits (4429), capacity (4503), token (4401). An admitted connection gets
 * its room loaded from the store first, then goes to `@y/websocket-server`'s
 * `setupWSConnection` through a `RelayConnection`, which guards every message both ways.
 *
 * @example
 * const relay = createRelay({ store, auth: createTokenAuth(store), limits, metrics, log });
 * http.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head));
 */
export function createRelay(deps: RelayDeps): Relay {
  const { auth, limits, metrics, log } = deps;
  // The relay persists rooms itself (see RoomRegistry); a YPERSISTENCE variable in the
  // environment must not add the stock, unawaited LevelDB binding on top.
  setPersistence(null);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const rooms = createRoomRegistry(deps);
  const addresses = createAddressLimiter({
    perSecond: limits.upgradesPerSecondPerIp,
    burst: limits.upgradeBurstPerIp,
    maxOpen: limits.maxConnectionsPerIp,
  });
  const connections = new Set<RelayConnection>();
  let admitting = 0;
  let closing = false;

  const note = (reason: RejectionReason, roomId: string | undefined, detail?: MessageErrorCode) => {
    metrics.rejections(reason).inc();
    const { code } = REJECTIONS[reason];
    const room = roomId ? roomTag(roomId) : undefined;
    log.info({ room, reason, code, detail }, 'connection refused or closed');
  };

  /** Completes the handshake only to close with a code a browser can see (an HTTP 4xx cannot). */
  const refuse = (
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    reason: RejectionReason,
    roomId?: string,
  ) => {
    note(reason, roomId);
    const { code, reason: text } = REJECTIONS[reason];
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      ws.close(code, text);
    });
  };

  const accept = (
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    admitted: { roomId: string; address: string; room: RelayRoom },
  ): boolean => {
    const { roomId, address, room } = admitted;
    let accepted = false;
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      accepted = true;
      const conn = new RelayConnection(ws, room, {
        limits,
        metrics,
        onReject: (reason, detail) => note(reason, roomId, detail),
      });
      connections.add(conn);
      room.members.add(conn);
      metrics.connections.inc();
      ws.once('close', () => {
        connections.delete(conn);
        room.members.delete(conn);
        metrics.connections.dec();
        addresses.release(address);
        rooms.release(room);
      });
      if (room.failed || closing) {
        conn.closeWith(room.failed ? 'storage_failed' : 'shutting_down');
        return;
      }
      // The one place the stock handler is given our guard instead of a `ws` WebSocket: it
      // uses only the members RelayConnection provides.
      setupWSConnection(conn as unknown as WebSocket, req, { docName: roomId });
    });
    return accepted;
  };

  const admit = async (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => {
    if (closing) return refuse(req, socket, head, 'shutting_down');
    const roomId = ROOM_PATH.exec(url.pathname)?.[1];
    if (!roomId) return refuse(req, socket, head, 'malformed_room');
    if (connections.size + admitting >= limits.maxConnections) {
      return refuse(req, socket, head, 'server_full', roomId);
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    const byAddress = addresses.admit(address);
    if (!byAddress.ok) return refuse(req, socket, head, byAddress.code, roomId);
    admitting += 1;
    // Owned here until a live connection takes them over; given back in `finally` otherwise.
    let held: { address: boolean; room: RelayRoom | undefined } = {
      address: true,
      room: undefined,
    };
    try {
      const verdict = await auth.authorize(roomId, url.searchParams.get('token'));
      if (!verdict.ok) return refuse(req, socket, head, verdict.code, roomId);
      if (verdict.claimed) log.info({ room: roomTag(roomId) }, 'room claimed');
      const acquired = await rooms.acquire(roomId);
      if (!acquired.ok) return refuse(req, socket, head, acquired.code, roomId);
      held.room = acquired.room;
      if (closing) return refuse(req, socket, head, 'shutting_down', roomId);
      if (accept(req, socket, head, { roomId, address, room: acquired.room })) {
        held = { address: false, room: undefined };
      }
    } finally {
      admitting -= 1;
      if (held.address) addresses.release(address);
      if (held.room) rooms.release(held.room);
    }
  };

  return {
    handleUpgrade(req, socket, head) {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        return false; // not a URL at all (`GET http://[ …`): not ours, and never a crash
      }
      if (!url.pathname.startsWith('/sync/')) return false;
      admit(req, socket, head, url).catch((error: unknown) => {
        log.error({ err: error instanceof Error ? error.name : 'unknown' }, 'upgrade failed');
        socket.destroy();
      });
      return true;
    },
    stats: () => ({ connections: connections.size }),
    async close() {
      closing = true;
      for (const conn of connections) conn.stopReading();
      await rooms.flush();
      for (const conn of connections) conn.closeWith('shutting_down');
      const deadline = Date.now() + CLOSE_GRACE_MS;
      while (connections.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const conn of connections) conn.terminate();
      await rooms.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
