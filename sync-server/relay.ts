import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

/** Room ids are base64url strings derived by the sync core; anything else is refused. */
const ROOM_PATH = /^\/sync\/([A-Za-z0-9_-]{16,128})$/;

export interface Relay {
  /** Takes over an HTTP upgrade; returns false when the path is not a relay path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/**
 * The y-websocket relay: each room is one outer doc of sealed blobs, which the relay cannot
 * read. Connections at `/sync/<room id>` are handed to `@y/websocket-server`.
 */
export function createRelay(): Relay {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  wss.on('connection', (ws, req: IncomingMessage & { roomId?: string }) => {
    // The stock handler attaches no error listener; an unhandled one would crash the process.
    ws.on('error', () => ws.terminate());
    setupWSConnection(ws, req, { docName: req.roomId ?? '' });
  });

  return {
    handleUpgrade(req, socket, head) {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!pathname.startsWith('/sync/')) return false;
      const match = ROOM_PATH.exec(pathname);
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!match?.[1]) {
          ws.close(4400, 'malformed room id');
          return;
        }
        wss.emit('connection', ws, Object.assign(req, { roomId: match[1] }));
      });
      return true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.close(1001, 'server shutting down');
        wss.close(() => resolve());
      }),
  };
}
