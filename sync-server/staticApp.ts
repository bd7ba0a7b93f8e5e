import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { buildSecurityHeaders } from './securityHeaders.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves the built single-page app. Hashed files under `/_app/immutable/` may be cached for
 * a year; everything else — above all `sw.js` and `index.html` — is revalidated on every
 * request, so a new version reaches the service worker promptly. Any path that is not a file
 * gets `index.html`, so deep links render on a first visit too.
 */
export async function createStaticHandler(appDir: string): Promise<StaticHandler> {
  const indexPath = join(appDir, 'index.html');
  const indexHtml = await readFile(indexPath, 'utf8').catch(() => undefined);
  const securityHeaders = buildSecurityHeaders(indexHtml);

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (indexHtml === undefined) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The app is not built yet: run `npm run build`.\n');
      return;
    }
    const found = await findFile(appDir, req.url ?? '/');
    const path = found?.path ?? indexPath;
    const stats = found?.stats ?? (await stat(indexPath));
    const etag = `"${stats.size.toString(36)}-${stats.mtimeMs.toString(36)}"`;
    const headers: Record<string, string> = {
      ...securityHeaders,
      'content-type': MIME[extname(path)] ?? 'application/octet-stream',
      'cache-control': isImmutable(req.url ?? '')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      etag,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(stats.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(path).pipe(res);
  };
}

function isImmutable(url: string): boolean {
  return url.startsWith('/_app/immutable/');
}

async function findFile(
  root: string,
  url: string,
): Promise<{ path: string; stats: Stats } | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  const path = normalize(join(root, pathname));
  // Never serve anything outside the app folder, whatever the URL says.
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const stats = await stat(path).catch(() => undefined);
  return stats?.isFile() ? { path, stats } : undefined;
}
