// `npm run bench -- reconnect-bytes`: what one reconnect costs after both devices of a pair
// worked offline. Two devices run the real sync engine (fake-indexeddb, virtual clock) against
// Trellis's relay process (`sync-server`, on 127.0.0.1; BENCH_RELAY=stock uses the stock
// `@y/websocket-server` instead). Both connect and sync, go offline, make 500 seeded edits each
// at a human rhythm (bench/support/offlineEdits.ts: typing into shared notes, one edit in ten
// structured), then both reconnect at once (bench/support/reconnect/runReconnect.ts).
//
// The figure: ratio = exchanged bytes / (2 × bytes of the blobs that were new to the other
// side). Through a relay every new blob must travel twice, up from its author and down to the
// other device, so 1.0 is the floor; it is the mean of upload_ratio (bytes sent / new-blob
// bytes) and download_ratio (bytes received / new-blob bytes). Target: ratio ≤ 1.1.
// `blobs` sorts the blobs inside the sync messages: sent, received back by their author (the
// stock relay echoes every update to its sender; Trellis's does not), received new, received a
// second time (the stock relay: when one device's upload lands between the other's connect and
// its sync step 1 being answered).
// Which device's handshake wins that race varies, so the scenario runs 5 times (fresh devices,
// same edits) and the figure is the median run.
//
// No trace needed. BENCH_SEED and BENCH_ENGINE_SETTINGS (JSON) change the seed and settings.
import { DEFAULT_ENGINE_SETTINGS } from '$lib/sync';
import { logProgress, printResult, round } from './support/benchOutput';
import { MESSAGE_KINDS, sumKinds } from './support/byteCounter';
import { readEngineSettings, readSeed } from './support/readBenchSettings';
import { runReconnect, type ReconnectRun } from './support/reconnect/runReconnect';
import { startStockRelay, startTrellisRelay } from './support/relayProcess';

const EDITS_PER_DEVICE = 500;
const REPEATS = 5;
const seed = readSeed(3);
const settings = readEngineSettings();
const relayKind = process.env.BENCH_RELAY === 'stock' ? 'stock' : 'trellis';

logProgress(`reconnect-bytes: ${REPEATS} runs through the ${relayKind} relay`);
const relay = relayKind === 'stock' ? await startStockRelay() : await startTrellisRelay();
try {
  const runs: { run: ReconnectRun; ratio: number }[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat += 1) {
    const run = await runReconnect({
      relayUrl: relay.url,
      edits: EDITS_PER_DEVICE,
      seed,
      settings,
    });
    runs.push({ run, ratio: (run.sent + run.received) / (2 * run.newBlobBytes) });
  }
  runs.sort((a, b) => a.ratio - b.ratio);
  const median = runs[Math.floor(runs.length / 2)];
  if (!median) throw new Error('reconnect-bytes: no run');
  const { run } = median;
  const exchanged = run.sent + run.received;
  const frames = (tally: { frameBytes: number }) => tally.frameBytes;
  printResult({
    bench: 'reconnect-bytes',
    exchanged_bytes: exchanged,
    new_blob_bytes: run.newBlobBytes,
    ratio: round(median.ratio),
    ratios: runs.map((each) => round(each.ratio)),
    upload_ratio: round(run.sent / run.newBlobBytes),
    download_ratio: round(run.received / run.newBlobBytes),
    // Without the blobs the relay sent back to their author or sent a device a second time.
    ratio_without_echo_and_repeats: round(
      (exchanged - run.blobs.receivedOwn.bytes - run.blobs.receivedAgain.bytes) /
        (2 * run.newBlobBytes),
    ),
    new_blobs: run.newBlobs,
    blobs: run.blobs,
    by_kind: Object.fromEntries(
      MESSAGE_KINDS.map((kind) => [kind, sumKinds(run.bytes, [kind], frames)]),
    ),
    sockets_opened: run.bytes.sockets,
    converged_ms: Math.round(run.convergedMs),
    relay: relayKind,
    edits_per_device: EDITS_PER_DEVICE,
    seed,
    settings: { ...DEFAULT_ENGINE_SETTINGS, ...settings },
  });
} finally {
  await relay.stop();
}
