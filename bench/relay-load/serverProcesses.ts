import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/freePort';

const ROOT = resolve(import.meta.dirname, '../..');
/** Clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface BenchServer {
  kind: 'trellis' | 'stock';
  /** Base URL for the load generator: rooms are appended as `/<room id>`. */
  baseUrl: string;
  child: ChildProcess;
  /** User + system CPU seconds the process has used so far. */
  cpuSeconds(): number;
  rssBytes(): number;
  stop(): Promise<void>;
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 30_000);
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', look);
        done();
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function procStats(pid: number) {
  return {
    cpuSeconds() {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    },
    rssBytes() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
  };
}

async function launch(
  kind: BenchServer['kind'],
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  baseUrl: string,
  dataDir: string,
): Promise<BenchServer> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Drain the pipes: a full pipe would stall the server's logging and so the server.
  child.stderr?.resume();
  const started = waitForOutput(child, ready);
  child.stdout?.resume();
  await started;
  const stats = procStats(child.pid ?? 0);
  return {
    kind,
    baseUrl,
    child,
    ...stats,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Trellis relay as `npm start` runs it, with its limits opened up for one loopback client. */
export async function startTrellis(connections: number): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trellis-bench-'));
  const port = await freePort();
  return launch(
    'trellis',
    ['--import', 'tsx', 'sync-server/main.ts'],
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Every simulated client shares 127.0.0.1, so the per-address limits must not apply.
      RATE_UPGRADES_PER_IP: '0',
      MAX_CONNECTIONS_PER_IP: String(connections + 100),
      MAX_CONNECTIONS: String(connections + 100),
      MAX_ROOMS: String(connections + 100),
    },
    /running at http:\/\/[^\s"]+/,
    `ws://127.0.0.1:${port}/sync`,
    dataDir,
  );
}

/** `@y/websocket-server`'s own sample server with its LevelDB persistence (`YPERSISTENCE`). */
export async function startStock(): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'stock-bench-'));
  const port = await freePort();
  return launch(
    'stock',
    ['node_modules/@y/websocket-server/src/server.js'],
    { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: dataDir },
    /running at/,
    `ws://127.0.0.1:${port}`,
    dataDir,
  );
}
