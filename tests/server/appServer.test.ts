import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import WebSocket from 'ws';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

// These tests run the real server process against the real build (`npm test` builds first).
const built = existsSync('build/index.html');

describe.runIf(built)('the app server', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('answers /healthz with a small JSON body', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it('falls back to the app shell for unknown paths', async () => {
    const response = await fetch(`${server.url}/pairs/some/deep/link`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<div style="display: contents">');
  });

  it('never caches the service worker or the shell for long, but caches hashed assets', async () => {
    expect((await fetch(`${server.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${server.url}/`)).headers.get('cache-control')).toBe('no-cache');
    const html = await (await fetch(server.url)).text();
    const asset = /\/_app\/immutable\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const response = await fetch(`${server.url}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('sends a CSP that allows WebAssembly and only the hashed inline boot script', async () => {
    const headers = (await fetch(server.url)).headers;
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await fetch(`${server.url}/sw.js`);
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(`${server.url}/sw.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('does not serve files outside the app folder', async () => {
    const response = await fetch(`${server.url}/..%2f..%2fpackage.json`);
    expect(await response.text()).not.toContain('"name": "trellis"');
  });

  it('serves a valid web app manifest with icons that exist', async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest.name).toContain('Trellis');
    expect(manifest.start_url).toBe('/');
    expect(manifest.display).toBe('standalone');
    const sizes = manifest.icons.map((icon) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, `${server.url}/`));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(icon.type);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    }
  });

  it('closes a WebSocket on a malformed room id with 4400', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/not*a*room`);
    const code = await new Promise<number>((done) =>
      ws.on('close', (closeCode) => done(closeCode)),
    );
    expect(code).toBe(4400);
  });
});

describe.runIf(built)('server shutdown', () => {
  it('exits 0 on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await startServerProcess();
      server.child.kill(signal);
      expect(await server.stop()).toBe(0);
      await server.dispose();
    }
  });
});

describe('build present', () => {
  it('has a build to test against (npm test builds before the server tests)', () => {
    expect(built).toBe(true);
  });
});
