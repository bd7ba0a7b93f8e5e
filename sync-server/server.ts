import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RelayMetrics } from './metrics.js';
import type { Relay } from './relay.js';
import { createStaticHandler } from './staticApp.js';

export interface TrellisServer {
  readonly url: string;
  /** Closes the relay (flushing every room), then the HTTP server. */
  close(): Promise<void>;
}

export interface ServerOptions {
  host: string;
  port: number;
  /** The built PWA (adapter-static output). */
  appDir: string;
  relay: Relay;
  metrics: RelayMetrics;
}

const startedAt = Date.now();

/**
 * One process: the PWA, `GET /healthz`, `GET /metrics`, and the WebSocket relay under `/sync/`.
 *
 * @example const server = await startServer({ host, port, appDir, relay, metrics });
 */
export async function startServer(options: ServerOptions): Promise<TrellisServer> {
  const { relay, metrics } = options;
  const serveApp = await createStaticHandler(options.appDir);
  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          ok: true,
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          connections: relay.stats().connections,
          rooms: metrics.roomsLoaded.value,
        }),
      );
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(metrics.render());
      return;
    }
    serveApp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!relay.handleUpgrade(req, socket, head)) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    async close() {
      await relay.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
