// `npm start`: build the app when the build is missing or older than its sources, then run
// the one server (PWA + relay) in this process's place. The build is quiet: one line when it
// works, its whole output only when it fails (Vite's own hints, such as "npm run preview", are
// not Trellis's). The server ends its start-up with the plain line `Trellis is running at …`.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const built = statSync('build/index.html', { throwIfNoEntry: false });
if (!built || Math.max(...SOURCES.map(newestMtime)) > built.mtimeMs) {
  process.stdout.write('Building the app… ');
  const startedAt = Date.now();
  const build = spawnSync('npx', ['vite', 'build'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    // No colour codes in the output kept for a failure report.
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (build.status !== 0) {
    process.stdout.write('failed:\n');
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    if (build.error) process.stderr.write(`${build.error.message}\n`);
    process.exit(build.status ?? 1);
  }
  process.stdout.write(`done in ${Math.round((Date.now() - startedAt) / 1000)} s.\n`);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
