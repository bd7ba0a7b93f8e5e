// `npm run bench -- relay-load`: the largest number of connections (pairs in rooms, each client
// sending a ~300-byte blob every 10 s on average) the relay holds with p99 relay latency ≤ 50 ms
// on this machine, its RSS, and its CPU time against `@y/websocket-server`'s sample server with
// LevelDB persistence under the same load. The server and the load generator are separate
// processes. Prints one JSON line last.
//
// Settings (environment): RELAY_LOAD_STEPS (comma-separated connection counts, ascending),
// RELAY_LOAD_WINDOW_SECONDS (measurement window per step), RELAY_LOAD_WARMUP_SECONDS.
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { GeneratorMessage, GeneratorPlan } from './relay-load/loadGenerator';
import { startStock, startTrellis, type BenchServer } from './relay-load/serverProcesses';

const STEPS = (process.env.RELAY_LOAD_STEPS ?? '1000,3000,6000,9000,12000,15000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n >= 2);
const WINDOW_SECONDS = Number(process.env.RELAY_LOAD_WINDOW_SECONDS ?? 20);
/** The 2 cores are shared; a step that misses the bound is tried once more before it counts. */
const ATTEMPTS = Number(process.env.RELAY_LOAD_ATTEMPTS ?? 2);
const WARMUP_SECONDS = Number(process.env.RELAY_LOAD_WARMUP_SECONDS ?? 5);
const P99_BOUND_MS = 50;
const MEAN_INTERVAL_MS = 10_000;
const SEED = 4242;

interface StepResult {
  server: BenchServer['kind'];
  connections: number;
  open: number;
  sent: number;
  delivered: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  cpu_seconds: number;
  rss_mb: number;
  closed_early: number;
  generator_lag_p99_ms: number;
}

async function runStep(server: BenchServer, connections: number): Promise<StepResult> {
  const plan: GeneratorPlan = {
    baseUrl: server.baseUrl,
    connections,
    warmupSeconds: WARMUP_SECONDS,
    windowSeconds: WINDOW_SECONDS,
    meanIntervalMs: MEAN_INTERVAL_MS,
    seed: SEED,
  };
  const generator = fork(
    resolve(import.meta.dirname, 'relay-load/loadGenerator.ts'),
    [JSON.stringify(plan)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  let cpuAtStart = 0;
  let cpuAtEnd = 0;
  let rssPeak = 0;
  let open = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server.rssBytes())), 1000);
  const deadline = setTimeout(
    () => generator.kill('SIGKILL'),
    (WARMUP_SECONDS + WINDOW_SECONDS + 300) * 1000,
  );
  try {
    const result = await new Promise<Extract<GeneratorMessage, { type: 'result' }>>(
      (done, fail) => {
        generator.on('message', (message: GeneratorMessage) => {
          if (message.type === 'connected') open = message.open;
          if (message.type === 'window-start') cpuAtStart = server.cpuSeconds();
          if (message.type === 'window-end') {
            cpuAtEnd = server.cpuSeconds();
            rssPeak = Math.max(rssPeak, server.rssBytes());
          }
          if (message.type === 'result') done(message);
        });
        generator.once('exit', (code) => fail(new Error(`load generator exited with ${code}`)));
      },
    );
    return {
      server: server.kind,
      connections,
      open,
      sent: result.sent,
      delivered: result.delivered,
      p50_ms: round(result.p50),
      p99_ms: round(result.p99),
      max_ms: round(result.max),
      cpu_seconds: round(cpuAtEnd - cpuAtStart),
      rss_mb: round(rssPeak / 1024 / 1024),
      closed_early: result.closedEarly,
      generator_lag_p99_ms: round(result.generatorLagP99),
    };
  } finally {
    clearInterval(sampler);
    clearTimeout(deadline);
    if (generator.exitCode === null) generator.kill('SIGKILL');
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function holds(step: StepResult): boolean {
  return (
    step.open === step.connections &&
    step.closed_early === 0 &&
    step.delivered >= step.sent * 0.999 &&
    step.p99_ms <= P99_BOUND_MS
  );
}

async function measure(kind: BenchServer['kind'], connections: number): Promise<StepResult> {
  const server = kind === 'trellis' ? await startTrellis(connections) : await startStock();
  try {
    return await runStep(server, connections);
  } finally {
    await server.stop();
  }
}

let best: StepResult | undefined;
for (const connections of STEPS) {
  let step: StepResult | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS && !(step && holds(step)); attempt++) {
    step = await measure('trellis', connections);
    console.log(JSON.stringify({ step: 'trellis', attempt, ...step, held: holds(step) }));
  }
  if (!step || !holds(step)) break;
  best = step;
}

// The stock server under the same load, for the CPU ratio.
const measured = best;
const stock = measured ? await measure('stock', measured.connections) : undefined;
if (stock) console.log(JSON.stringify({ step: 'stock', ...stock }));

const ratio =
  measured && stock && stock.cpu_seconds > 0
    ? round(measured.cpu_seconds / stock.cpu_seconds)
    : null;
console.log(
  JSON.stringify({
    bench: 'relay-load',
    connections: measured?.connections ?? 0,
    p50_ms: measured?.p50_ms ?? null,
    p99_ms: measured?.p99_ms ?? null,
    rss_mb: measured?.rss_mb ?? null,
    cpu_ratio_vs_stock: ratio,
    stock_p99_ms: stock?.p99_ms ?? null,
    stock_rss_mb: stock?.rss_mb ?? null,
    window_seconds: WINDOW_SECONDS,
    ratio,
  }),
);
