import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServerProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr. */
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL: the crash a power cut would be. */
  kill: () => Promise<void>;
  /** Stop and delete the data folder. */
  dispose: () => Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Starts the real `sync-server` as its own process on a free loopback port, the way
 * `npm start` runs it, and resolves once it prints its URL.
 */
export async function startServerProcess(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'trellis-data-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      // Never leave a half-started server behind.
      child.kill('SIGKILL');
      fail(new Error(`server did not start:\n${output}`));
    }, 30_000);
    const look = () => {
      // The plain line the server prints on stderr once it listens.
      const match = /^Trellis is running at (http:\/\/\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stderr?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${output}`));
    });
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return {
    url,
    dataDir,
    child,
    output: () => output,
    stop,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    dispose: async () => {
      await stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
