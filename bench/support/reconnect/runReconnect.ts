// One reconnect-bytes scenario: two fresh devices of a new workspace connect to the relay and
// sync, go offline, make their seeded edits, then both reconnect at once. Counted: every
// WebSocket frame byte either device sends or receives from the reconnect until both have
// converged and the sockets are quiet, and which blobs those messages carried.
import type { EngineSettings, SyncedWorkspace } from '$lib/sync';
import { createBenchWorkspace, openBenchDevice, type BenchDevice } from '../benchDevice';
import { logProgress } from '../benchOutput';
import { createBlobTraffic, sumBlobTraffic, type BlobTrafficReport } from '../blobTraffic';
import {
  createByteCounter,
  diffReports,
  directionBytes,
  mergeReports,
  type ByteReport,
} from '../byteCounter';
import { countingWebSocket } from '../countingWebSocket';
import { editOffline } from '../editOffline';
import { blobsMissingFrom, blobSizesOf } from '../outerLogBlobs';
import { createSteppedClock } from '../steppedClock';
import { structuredState } from '../structuredEdits';
import { waitForQuiet, waitUntil } from '../waitFor';

/** What one reconnect cost. */
export interface ReconnectRun {
  /** Frame bytes both devices sent (and received) after the reconnect. */
  sent: number;
  received: number;
  /** Blobs that one device had and the other lacked, and their bytes. */
  newBlobs: number;
  newBlobBytes: number;
  bytes: ByteReport;
  blobs: BlobTrafficReport;
  convergedMs: number;
}

const NOTES = 'notes';

/**
 * Runs the scenario once against the relay at `relayUrl`.
 *
 * @example
 *   const run = await runReconnect({ relayUrl, edits: 500, seed: 3, settings: {} });
 */
export async function runReconnect(input: {
  relayUrl: string;
  edits: number;
  seed: number;
  settings: Partial<EngineSettings>;
}): Promise<ReconnectRun> {
  const time = createSteppedClock(0);
  const counters = [createByteCounter(), createByteCounter()];
  const devices: BenchDevice[] = [];
  try {
    const workspace = await createBenchWorkspace(2, input.seed);
    for (const [member, counter] of counters.entries()) {
      const relay = { url: input.relayUrl, WebSocketPolyfill: countingWebSocket(counter) };
      const { settings } = input;
      devices.push(
        await openBenchDevice({ workspace, member, clock: time.clock, relay, settings }),
      );
    }
    const engines = devices.map((device) => device.engine);
    const connected = (state: 'synced' | 'offline') => () =>
      engines.every((engine) => engine.status.get().connection === state);
    await waitUntil(connected('synced'), 'both devices synced');
    for (const engine of engines) engine.disconnect();
    await waitUntil(connected('offline'), 'both devices offline');
    await editOffline({ engines, time, edits: input.edits, seed: input.seed, textName: NOTES });

    const [logA, logB] = engines.map((engine) => blobSizesOf(engine.room().doc));
    if (!logA || !logB) throw new Error('reconnect-bytes: two devices expected');
    const newBlobs = [...blobsMissingFrom(logA, logB), ...blobsMissingFrom(logB, logA)];
    const union = new Set([...logA.keys(), ...logB.keys()]).size;

    const before = counters.map((counter) => counter.report());
    const traffic = devices.map((device, index) => {
      const classifier = createBlobTraffic(device.identity.deviceId);
      counters[index]?.listen(classifier.inspect);
      return classifier;
    });
    const reconnectedAt = performance.now();
    for (const engine of engines) engine.connect();
    await waitUntil(
      () => connected('synced')() && haveConverged(engines, union),
      'both devices converged after the reconnect',
    );
    const convergedMs = performance.now() - reconnectedAt;
    await waitForQuiet(counters, { quietMs: 500 });
    const during = counters.map((counter, index) => {
      const earlier = before[index];
      return earlier ? diffReports(counter.report(), earlier) : counter.report();
    });
    const run: ReconnectRun = {
      sent: during.reduce((sum, report) => sum + directionBytes(report, 'sent'), 0),
      received: during.reduce((sum, report) => sum + directionBytes(report, 'received'), 0),
      newBlobs: newBlobs.length,
      newBlobBytes: newBlobs.reduce((sum, bytes) => sum + bytes, 0),
      bytes: mergeReports(during),
      blobs: sumBlobTraffic(traffic.map((classifier) => classifier.report())),
      convergedMs,
    };
    logProgress(
      `reconnect: ${run.newBlobs} new blobs (${run.newBlobBytes} bytes), ` +
        `${run.sent + run.received} bytes exchanged, converged in ${Math.round(convergedMs)} ms`,
    );
    return run;
  } finally {
    for (const device of devices) await device.close();
  }
}

/** Both logs hold every blob, and both inner docs hold the same notes and structured edits. */
function haveConverged(engines: readonly SyncedWorkspace[], blobs: number): boolean {
  const [a, b] = engines;
  if (!a || !b) return false;
  return (
    engines.every((engine) => blobSizesOf(engine.room().doc).size >= blobs) &&
    a.innerDoc.getText(NOTES).toString() === b.innerDoc.getText(NOTES).toString() &&
    structuredState(a.innerDoc) === structuredState(b.innerDoc)
  );
}
