// `npm run bench -- <name>` runs bench/<name>.ts; each benchmark prints one JSON line last.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync('bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));

if (!name || !existsSync(`bench/${name}.bench.ts`)) {
  console.error(
    `Usage: npm run bench -- <name>\nBenchmarks: ${available.join(', ') || '(none yet)'}`,
  );
  process.exit(name ? 1 : 0);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.bench.ts`, ...rest], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
