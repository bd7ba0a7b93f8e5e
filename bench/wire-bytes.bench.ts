// `npm run bench -- wire-bytes`: how many bytes Trellis puts on the wire for a realistic
// editing session, against stock y-websocket sending every transaction.
//
// The session: ../shared/traces/sveltecomponent.json.gz (18,335 transactions writing a Svelte
// component; editing traces by Joseph Gentle and contributors, CC BY 4.0) typed at a human
// rhythm in virtual time (bench/support/humanSchedule.ts: a key every 180–250 ms, bursts of
// 15–60 keys, 2–6 s pauses), plus 200 structured edits (goal fields, action items) in pauses,
// all from one seed. The writer's partner is online throughout and receives everything.
//  (a) Trellis: two devices running the real sync engine; the outer doc of sealed blobs goes
//      through the relay (batching, padding, keep-alives and compaction as configured).
//  (b) Baseline: two plain Y.Docs with the stock WebsocketProvider, awareness as stock sends it.
// Both run through one real `@y/websocket-server` process on 127.0.0.1 in the same run, and
// every WebSocket message both clients of a side send or receive is counted (frame bytes: the
// payload plus its RFC 6455 header). Target: ratio = trellis / baseline ≤ 1.0.
//
// Needs ../shared/traces (absent from a fresh clone: the benchmark says so and exits 2).
// BENCH_SEED and BENCH_ENGINE_SETTINGS (JSON) change the seed (of the schedule, the edits and
// the devices' identities) and the engine's settings;
// BENCH_TXNS replays only the first N transactions (a quick run, not a recorded figure).
import { DEFAULT_ENGINE_SETTINGS } from '$lib/sync';
import { logProgress, printResult, round } from './support/benchOutput';
import { sumKinds, type ByteReport } from './support/byteCounter';
import { buildHumanSchedule } from './support/humanSchedule';
import { sliceTrace } from './support/applyTraceTxn';
import { requireTrace, TRACE_ATTRIBUTION } from './support/loadTrace';
import { readEngineSettings, readSeed, readTxnLimit } from './support/readBenchSettings';
import { startStockRelay } from './support/relayProcess';
import { planStructuredEdits } from './support/structuredEdits';
import { runStockTyping } from './support/typing/runStockTyping';
import { runTrellisTyping } from './support/typing/runTrellisTyping';

const STRUCTURED_EDITS = 200;
const seed = readSeed(3);
const settings = readEngineSettings();

logProgress(`wire-bytes: sveltecomponent, ${TRACE_ATTRIBUTION}`);
const fullTrace = await requireTrace('sveltecomponent');
const trace = sliceTrace(fullTrace, readTxnLimit());
// A partial run (BENCH_TXNS) makes a proportional share of the structured edits.
const structuredCount = Math.floor((STRUCTURED_EDITS * trace.txns.length) / fullTrace.txns.length);
const schedule = buildHumanSchedule({
  keystrokes: trace.txns.length,
  structuredEdits: structuredCount,
  seed,
});
const edits = planStructuredEdits(structuredCount, seed);
logProgress(
  `${schedule.events.length} edits over ${round(schedule.durationMs / 60_000, 1)} virtual minutes`,
);

const relay = await startStockRelay();
try {
  const trellis = await runTrellisTyping({
    relayUrl: relay.url,
    schedule,
    trace,
    edits,
    settings,
    seed,
  });
  logProgress(`trellis: ${trellis.bytes.frameBytes} bytes in ${round(trellis.seconds, 1)} s`);
  const baseline = await runStockTyping({ relayUrl: relay.url, schedule, trace, edits });
  logProgress(`baseline: ${baseline.bytes.frameBytes} bytes in ${round(baseline.seconds, 1)} s`);
  if (trellis.structured !== baseline.structured) {
    throw new Error('wire-bytes: the two sides ended with different structured edits');
  }

  const trellisBytes = trellis.bytes.frameBytes;
  const baselineBytes = baseline.bytes.frameBytes;
  const baselineAwareness = sumKinds(baseline.bytes, ['awareness'], frames);
  const { blobs } = trellis;
  printResult({
    bench: 'wire-bytes',
    trellis_bytes: trellisBytes,
    baseline_bytes: baselineBytes,
    ratio: round(trellisBytes / baselineBytes),
    baseline_awareness_bytes: baselineAwareness,
    ratio_without_awareness: round(trellisBytes / (baselineBytes - baselineAwareness)),
    trellis_handshake_and_keepalive_bytes: sumKinds(
      trellis.bytes,
      ['sync-step1', 'sync-step2'],
      frames,
    ),
    trellis_by_kind: byKind(trellis.bytes),
    baseline_by_kind: byKind(baseline.bytes),
    trellis_payload_bytes: trellis.bytes.payloadBytes,
    baseline_payload_bytes: baseline.bytes.payloadBytes,
    update_blobs: blobs.updates,
    update_blob_bytes: blobs.updateBytes,
    update_plaintext_bytes: blobs.updatePlaintextBytes,
    snapshots: blobs.snapshots,
    snapshot_blob_bytes: blobs.snapshotBytes,
    // The blobs inside Trellis's sync messages: received back by their author (the stock relay
    // echoes; Trellis's does not), new to the receiver, or received a second time.
    trellis_blob_traffic: trellis.traffic,
    edits_per_update_blob: round((trace.txns.length + structuredCount) / blobs.updates, 2),
    // The writer's identity derives from the seed; its client id's length sizes every update.
    writer_client_id_bytes: trellis.writerClientIdBytes,
    sockets: { trellis: trellis.bytes.sockets, baseline: baseline.bytes.sockets },
    edits: { keystrokes: trace.txns.length, structured: structuredCount },
    virtual_minutes: round(schedule.durationMs / 60_000, 1),
    seed,
    settings: { ...DEFAULT_ENGINE_SETTINGS, ...settings },
    seconds: { trellis: round(trellis.seconds, 1), baseline: round(baseline.seconds, 1) },
  });
} finally {
  await relay.stop();
}

/** Frame bytes per message kind, both directions summed, as a compact object. */
function byKind(report: ByteReport): Record<string, number> {
  const kinds = ['sync-step1', 'sync-step2', 'sync-update', 'awareness', 'other'] as const;
  return Object.fromEntries(kinds.map((kind) => [kind, sumKinds(report, [kind], frames)]));
}

function frames(tally: { frameBytes: number }): number {
  return tally.frameBytes;
}
