// The relays the benchmarks send real WebSocket traffic through, each its own process on a
// loopback port: the stock `@y/websocket-server` (its own `server.js`, unchanged, as anyone
// would run it) and Trellis's relay (`sync-server/main.ts`, as `npm start` runs it, with a
// throw-away data folder). Both speak the same y-websocket protocol.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './freePort';

const ROOT = resolve(import.meta.dirname, '../..');

/** A running relay. */
export interface RelayProcess {
  kind: 'stock' | 'trellis';
  /** WebSocket origin, e.g. `ws://127.0.0.1:40123` (rooms are paths under it). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `node_modules/@y/websocket-server/src/server.js` on 127.0.0.1 and a free port.
 *
 * @example
 *   const relay = await startStockRelay();
 *   new WebsocketProvider(relay.url, 'room', doc);
 */
export async function startStockRelay(): Promise<RelayProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) };
  // Without YPERSISTENCE (even an empty one turns LevelDB on) rooms stay in memory only.
  delete env.YPERSISTENCE;
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/@y/websocket-server/src/server.js')],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForLine(child, /running at/);
  return { kind: 'stock', url: `ws://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

/**
 * Starts Trellis's relay (`sync-server/main.ts`) on 127.0.0.1, a free port and a temporary
 * data folder (deleted on `stop`).
 *
 * @example
 *   const relay = await startTrellisRelay();
 *   await openSyncedWorkspace({ ...options, relay: { url: relay.url, WebSocketPolyfill } });
 */
export async function startTrellisRelay(): Promise<RelayProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trellis-bench-relay-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await waitForLine(child, /running at (http:\/\/[^\s"]+)/);
  return {
    kind: 'trellis',
    url: line.replace(/^http/, 'ws'),
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Resolves with the first capture group of `pattern` (or the match) once the output shows it:
 * the stock server says it on stdout, Trellis's relay on stderr (its stdout is the JSON log).
 */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the relay did not start:\n${output}`));
    }, 30_000);
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      child.stderr?.off('data', look);
      done(match[1] ?? match[0]);
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the relay exited with ${code}:\n${output}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
