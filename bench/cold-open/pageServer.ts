// A tiny HTTP server on 127.0.0.1 for the cold-open page: the HTML shell, the bundle's files,
// the trace (already parsed and checked by the driver) and the seeded state the page PUTs
// once and GETs for its baseline. Nothing else: any other path is a 404.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { EditingTrace } from '../support/applyTraceTxn';
import { PAGE_PATHS } from './protocol';

/** A running page server. */
export interface PageServer {
  url: string;
  close(): Promise<void>;
}

const HTML = `<!doctype html><meta charset="utf-8"><title>cold-open</title>
<script type="module" src="${PAGE_PATHS.script}"></script>`;
/** The state is about a megabyte at most; refuse anything far larger. */
const MAX_STATE_BYTES = 64 * 1024 * 1024;

/**
 * Serves `bundleDir` and `trace` on a free loopback port.
 *
 * @example
 *   const server = await startPageServer({ bundleDir, trace });
 *   await page.goto(server.url);
 */
export async function startPageServer(input: {
  bundleDir: string;
  trace: EditingTrace;
}): Promise<PageServer> {
  const traceJson = JSON.stringify({ endContent: input.trace.endContent, txns: input.trace.txns });
  let state: Buffer | undefined;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === PAGE_PATHS.page) return send(response, 'text/html; charset=utf-8', HTML);
    if (path === PAGE_PATHS.trace) return send(response, 'application/json', traceJson);
    if (path === PAGE_PATHS.endContent) {
      return send(response, 'text/plain; charset=utf-8', input.trace.endContent);
    }
    if (path === PAGE_PATHS.state && request.method === 'PUT') {
      state = await readBody(request);
      return response.writeHead(204).end();
    }
    if (path === PAGE_PATHS.state) {
      return state
        ? send(response, 'application/octet-stream', state)
        : response.writeHead(404).end();
    }
    const file = normalize(join(input.bundleDir, path));
    if (!file.startsWith(input.bundleDir) || !file.endsWith('.js')) {
      return response.writeHead(404).end();
    }
    const body = await readFile(file).catch(() => undefined);
    return body ? send(response, 'text/javascript', body) : response.writeHead(404).end();
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${PAGE_PATHS.page}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

function send(response: ServerResponse, type: string, body: string | Buffer): void {
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += buffer.length;
    if (length > MAX_STATE_BYTES) throw new RangeError('the state is too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
