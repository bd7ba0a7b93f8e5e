import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` as a person runs it: its whole output, stdout and stderr in the order written (one
// file for both, as one terminal shows them). It builds only when the build is missing or stale.
const ROOT = resolve(import.meta.dirname, '../..');
const ADDRESS = /^Trellis is running at (http:\/\/127\.0\.0\.1:\d+)$/;

describe('npm start', () => {
  let dir = '';
  let output = '';
  let stop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trellis-start-'));
    const log = await open(join(dir, 'output.txt'), 'w');
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(dir, 'data') },
      stdio: ['ignore', log.fd, log.fd],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await log.close();
    };
    // A build on a busy machine takes a while; the server itself starts in about a second.
    for (let waited = 0; waited < 170_000; waited += 200) {
      output = await readFile(join(dir, 'output.txt'), 'utf8');
      if (/^Trellis is running at .*\n/m.test(output) || child.exitCode !== null) break;
      await new Promise((wake) => setTimeout(wake, 200));
    }
  }, 180_000);

  afterAll(async () => {
    await stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a few lines and ends with the address on a plain line of its own', () => {
    const lines = output.trimEnd().split('\n');
    expect(lines.length, output).toBeLessThanOrEqual(10);
    expect(lines.at(-1), output).toMatch(ADDRESS);
    expect(output).not.toContain('npm run preview');
    expect(output).not.toContain("glob patterns doesn't match");
  });

  it('serves a page that links the web app manifest without running any script', async () => {
    const url = ADDRESS.exec(output.trimEnd().split('\n').at(-1) ?? '')?.[1];
    expect(url, output).toBeDefined();
    const html = await (await fetch(`${url}/`)).text();
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    const manifest = await fetch(`${url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(await manifest.json()).toMatchObject({ short_name: 'Trellis' });
  });

  it.runIf(existsSync(join(ROOT, 'build/index.html')))(
    'keeps the manifest link in build/index.html',
    async () => {
      const html = await readFile(join(ROOT, 'build/index.html'), 'utf8');
      expect(html.match(/rel="manifest"/g)).toHaveLength(1);
    },
  );
});
