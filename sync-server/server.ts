import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerConfig } from './config.js';
import { createRelay } from './relay.js';
import { createStaticHandler } from './staticApp.js';

export interface TrellisServer {
  readonly url: string;
  close(): Promise<void>;
}

const startedAt = Date.now();

/**
 * One process: the PWA, `GET /healthz`, and the WebSocket relay under `/sync/`.
 *
 * @example const server = await startServer(readConfig(process.env)); console.log(server.url);
 */
export async function startServer(config: ServerConfig): Promise<TrellisServer> {
  const serveApp = await createStaticHandler(config.appDir);
  const relay = createRelay();
  const http: Server = createServer((req, res) => {
    if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({ ok: true, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }),
      );
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
    http.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}`,
    async close() {
      await relay.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
