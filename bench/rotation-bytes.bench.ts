// `npm run bench -- rotation-bytes`: what one key rotation costs on the wire, and how often a
// pair meeting weekly can rotate and stay within about 1 MB of traffic a month. Two devices run
// the real sync engine (fake-indexeddb, stepped virtual clock) against Trellis's relay process
// (`sync-server`, on 127.0.0.1). First a month of a pair meeting weekly (bench/support/
// pairMonth.ts: agreement, six goals with milestones, four sessions with notes, agenda, action
// items and reflections, four check-ins), both online, every WebSocket frame counted: that is
// the month's normal traffic. Then one rotation: both devices roll to epoch 1 under a new key
// (the seed snapshot goes up from each and down to the other), counted the same way until both
// rooms hold both seeds and the sockets are quiet. The rotation record the state layer writes
// first (a few hundred bytes of envelopes in the inner doc) is not part of it: the benchmark
// calls the engine's rollEpoch directly.
//
// The figure: the largest number of rotations a month that keeps month + rotations within the
// budget, the shortest whole-day period that stays within it, and ratio = (month + rotations at
// that period) / budget (≤ 1: met). BENCH_SEED changes the seed, BENCH_ENGINE_SETTINGS (JSON)
// the settings.
import * as Y from 'yjs';
import { generateWorkspaceKey } from '$lib/crypto';
import { DEFAULT_ENGINE_SETTINGS, type SyncedWorkspace } from '$lib/sync';
import { createBenchWorkspace, openBenchDevice, type BenchDevice } from './support/benchDevice';
import { logProgress, printResult, round } from './support/benchOutput';
import {
  createByteCounter,
  diffReports,
  directionBytes,
  mergeReports,
  sumKinds,
  MESSAGE_KINDS,
  type ByteCounter,
  type ByteReport,
} from './support/byteCounter';
import { countingWebSocket } from './support/countingWebSocket';
import { blobSizesOf } from './support/outerLogBlobs';
import { planPairMonth } from './support/pairMonth';
import { readEngineSettings, readSeed } from './support/readBenchSettings';
import { startTrellisRelay } from './support/relayProcess';
import { createSteppedClock } from './support/steppedClock';
import { waitForQuiet, waitUntil } from './support/waitFor';

const BUDGET_BYTES = 1_000_000;
const MONTH_DAYS = 30;
const VISIT_GAP_MS = 30 * 60_000;
/** Monday 2026-11-02 09:00 UTC: the commands' instants are this plus virtual time. */
const START = Date.parse('2026-11-02T09:00:00Z');

const seed = readSeed(3);
const settings = readEngineSettings();

const REPEATS = 3;
const keepAliveMs = process.env.BENCH_KEEPALIVE_MS
  ? Number(process.env.BENCH_KEEPALIVE_MS)
  : undefined;

type Traffic = ReturnType<typeof sumSince>;
interface ScenarioRun {
  month: Traffic;
  rotation: Traffic;
  visits: number;
  innerStateBytes: number;
  seedBytes: number[];
  published: number[];
}

logProgress(`rotation-bytes: ${REPEATS} runs of a month of weekly pair traffic and one rotation`);
const relay = await startTrellisRelay();
try {
  const runs: ScenarioRun[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat += 1) runs.push(await runScenario(relay.url));
  runs.sort((a, b) => a.month.total + a.rotation.total - (b.month.total + b.rotation.total));
  const run = runs[Math.floor(runs.length / 2)];
  if (!run) throw new Error('rotation-bytes: no run');
  const { month, rotation } = run;
  const allowed = Math.floor((BUDGET_BYTES - month.total) / rotation.total);
  const contentBytes = month.byKind['sync-update'] ?? 0;
  const allowedBesideContent = Math.floor((BUDGET_BYTES - contentBytes) / rotation.total);
  const periodDays = shortestPeriod(allowed);
  const rotationsAtPeriod = periodDays === undefined ? 0 : Math.ceil(MONTH_DAYS / periodDays);
  printResult({
    bench: 'rotation-bytes',
    rotation_bytes: rotation.total,
    rotation_bytes_runs: runs.map((each) => each.rotation.total),
    rotation_sent: rotation.sent,
    rotation_received: rotation.received,
    rotation_by_kind: rotation.byKind,
    rotation_sockets_opened: rotation.sockets,
    seed_blob_bytes: run.seedBytes,
    inner_state_bytes: run.innerStateBytes,
    rotation_per_state_byte: round(rotation.total / run.innerStateBytes),
    month_bytes: month.total,
    month_bytes_runs: runs.map((each) => each.month.total),
    month_visits: run.visits,
    month_by_kind: month.byKind,
    month_messages: month.messages,
    month_blobs: run.published,
    budget_bytes: BUDGET_BYTES,
    rotations_per_month_within_budget: Math.max(0, allowed),
    shortest_period_days: periodDays ?? null,
    // The same budget against the month's blob traffic only (updates up and down, no handshakes
    // and keep-alives): what rotation would leave room for if the idle sync messages were free.
    rotations_per_month_beside_blob_traffic: Math.max(0, allowedBesideContent),
    shortest_period_days_beside_blob_traffic: shortestPeriod(allowedBesideContent) ?? null,
    weekly_rotation_month_bytes: month.total + Math.ceil(MONTH_DAYS / 7) * rotation.total,
    ratio: round((month.total + rotationsAtPeriod * rotation.total) / BUDGET_BYTES),
    seed,
    keep_alive_ms: keepAliveMs ?? 10_000,
    settings: { ...DEFAULT_ENGINE_SETTINGS, ...settings },
  });
} finally {
  await relay.stop();
}

/** One run: fresh devices and workspace, the month, then the rotation. */
async function runScenario(relayUrl: string): Promise<ScenarioRun> {
  const devices: BenchDevice[] = [];
  try {
    const time = createSteppedClock(0);
    const counters = [createByteCounter(), createByteCounter()] as const;
    const workspace = await createBenchWorkspace(2, seed);
    for (const [member, counter] of counters.entries()) {
      const relayOptions = {
        url: relayUrl,
        WebSocketPolyfill: countingWebSocket(counter),
        ...(keepAliveMs === undefined ? {} : { keepAliveMs }),
      };
      devices.push(
        await openBenchDevice({
          workspace,
          member,
          clock: time.clock,
          relay: relayOptions,
          settings,
        }),
      );
    }
    const engines = devices.map((device) => device.engine);
    const synced = () => engines.every((engine) => engine.status.get().connection === 'synced');
    await waitUntil(synced, 'both devices synced');

    const monthStart = counters.map((counter) => counter.report());
    const { visits } = await runMonth(engines, counters, time);
    const month = sumSince(counters, monthStart);
    const innerStateBytes = Y.encodeStateAsUpdate(engines[0]!.innerDoc).byteLength;

    const rotationStart = counters.map((counter) => counter.report());
    const key = generateWorkspaceKey();
    for (const engine of engines) {
      const rolled = await engine.rollEpoch({ epoch: 1, key });
      if (!rolled.ok) throw new Error(`rotation-bytes: rollEpoch failed: ${rolled.code}`);
    }
    await waitUntil(
      () => synced() && engines.every((engine) => blobSizesOf(engine.room().doc).size >= 2),
      'both seeds in both new rooms',
    );
    await waitForQuiet(counters, { quietMs: 500 });
    const rotation = sumSince(counters, rotationStart);
    if (!converged(engines)) throw new Error('rotation-bytes: the devices differ after rotating');
    logProgress(
      `month ${month.total} B (${visits} visits), inner state ${innerStateBytes} B, ` +
        `rotation ${rotation.total} B`,
    );
    return {
      month,
      rotation,
      visits,
      innerStateBytes,
      seedBytes: [...blobSizesOf(engines[0]!.room().doc).values()],
      published: engines.map((engine) => engine.counters().published),
    };
  } finally {
    for (const device of devices) await device.close();
  }
}

/**
 * Plays the month's commands on a shared virtual timeline. The app is open on both devices for
 * each burst of activity and closed in between (a gap over `VISIT_GAP_MS`): closed, a device
 * sends nothing, not even keep-alives; each opening costs a handshake, which is counted.
 */
async function runMonth(
  engines: readonly SyncedWorkspace[],
  counters: readonly ByteCounter[],
  time: ReturnType<typeof createSteppedClock>,
): Promise<{ visits: number }> {
  const settle = async () => void (await Promise.all(engines.map((e) => e.whenSettled())));
  const quiet = () => waitForQuiet(counters, { quietMs: 50 });
  const connection = (state: 'synced' | 'offline') => () =>
    engines.every((engine) => engine.status.get().connection === state);
  let visits = 1;
  for (const [index, event] of planPairMonth(seed).entries()) {
    if (event.at - time.now() > VISIT_GAP_MS) {
      // Past the longest batching delay, so the last edits are sealed and sent before closing.
      await time.advanceTo(time.now() + 10_000, settle);
      await quiet();
      for (const engine of engines) engine.disconnect();
      await waitUntil(connection('offline'), 'both devices closed');
      await time.advanceTo(event.at, settle);
      for (const engine of engines) engine.connect();
      await waitUntil(connection('synced'), 'both devices open again');
      await quiet();
      visits += 1;
    }
    await time.advanceTo(event.at, settle);
    const doc = engines[event.member]!.innerDoc;
    const at = new Date(START + event.at);
    // A command on what the partner made moments ago waits for it to arrive (real sockets).
    if (!event.apply(doc, at).ok) {
      await quiet();
      const again = event.apply(doc, at);
      if (!again.ok) {
        throw new Error(`rotation-bytes: command ${index} failed: ${again.code} (${again.field})`);
      }
    }
  }
  await time.advanceTo(time.now() + 10_000, settle);
  await waitUntil(() => converged(engines), 'both devices converged after the month');
  await waitForQuiet(counters, { quietMs: 500 });
  return { visits };
}

function converged(engines: readonly SyncedWorkspace[]): boolean {
  const [a, b] = engines.map((engine) => Y.encodeStateVector(engine.innerDoc));
  return a !== undefined && b !== undefined && Buffer.compare(a, b) === 0;
}

function sumSince(
  counters: readonly ByteCounter[],
  before: readonly ByteReport[],
): {
  sent: number;
  received: number;
  total: number;
  byKind: Record<string, number>;
  messages: Record<string, number>;
  sockets: number;
} {
  const during = counters.map((counter, index) => diffReports(counter.report(), before[index]!));
  const sent = during.reduce((sum, report) => sum + directionBytes(report, 'sent'), 0);
  const received = during.reduce((sum, report) => sum + directionBytes(report, 'received'), 0);
  const merged = mergeReports(during);
  const byKind = Object.fromEntries(
    MESSAGE_KINDS.map((kind) => [kind, sumKinds(merged, [kind], (tally) => tally.frameBytes)]),
  );
  const messages = Object.fromEntries(
    MESSAGE_KINDS.map((kind) => [kind, sumKinds(merged, [kind], (tally) => tally.messages)]),
  );
  return { sent, received, total: sent + received, byKind, messages, sockets: merged.sockets };
}

/** The shortest whole-day period whose rotations in a month (rounded up) fit in `allowed`. */
function shortestPeriod(allowed: number): number | undefined {
  for (let days = 1; days <= MONTH_DAYS; days += 1) {
    if (Math.ceil(MONTH_DAYS / days) <= allowed) return days;
  }
  return undefined;
}
