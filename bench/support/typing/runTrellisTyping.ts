// Side (a) of wire-bytes: Trellis. A writer device and its partner's device, both running the
// real sync engine (fake-indexeddb, virtual clock) and connected to the relay through counting
// sockets. The writer types the schedule into its inner doc; what crosses the wire is the outer
// doc: sealed blobs, the engine's keep-alives and the y-websocket handshakes.
import * as Y from 'yjs';
import type { EngineCounters, EngineSettings } from '$lib/sync';
import { TRACE_TEXT, type EditingTrace } from '../applyTraceTxn';
import { createBenchWorkspace, openBenchDevice, type BenchDevice } from '../benchDevice';
import { logProgress } from '../benchOutput';
import { createBlobTraffic, sumBlobTraffic, type BlobTrafficReport } from '../blobTraffic';
import { createByteCounter, mergeReports } from '../byteCounter';
import { countingWebSocket } from '../countingWebSocket';
import type { HumanSchedule } from '../humanSchedule';
import { createSteppedClock } from '../steppedClock';
import { structuredState, type StructuredEdit } from '../structuredEdits';
import { waitForQuiet, waitUntil } from '../waitFor';
import { replaySchedule } from './replaySchedule';
import { tallyBlobs, type BlobTally } from './tallyBlobs';
import type { TypingRun } from './typingRun';

/** Side (a)'s report. */
export interface TrellisTypingRun extends TypingRun {
  blobs: BlobTally;
  /** The blobs inside the sync messages, by who received them how often. */
  traffic: BlobTrafficReport;
  writer: EngineCounters;
  reader: EngineCounters;
  /** Bytes lib0 spends on the writer's Yjs client id each time an update names it (4 or 5). */
  writerClientIdBytes: number;
}

/** How long the sockets must stay still before virtual time moves on. */
const QUIET_MS = 8;

/**
 * Replays the schedule through two Trellis devices and the relay at `relayUrl`.
 *
 * @example
 *   const run = await runTrellisTyping({ relayUrl, schedule, trace, edits, settings: {}, seed: 3 });
 */
export async function runTrellisTyping(input: {
  relayUrl: string;
  schedule: HumanSchedule;
  trace: EditingTrace;
  edits: readonly StructuredEdit[];
  settings: Partial<EngineSettings>;
  /** Derives the devices' identities (and so their Yjs client ids). */
  seed: number;
}): Promise<TrellisTypingRun> {
  const started = performance.now();
  const time = createSteppedClock(0);
  const counters = [createByteCounter(), createByteCounter()];
  const workspace = await createBenchWorkspace(2, input.seed);
  const devices: BenchDevice[] = [];
  try {
    for (const [member, counter] of counters.entries()) {
      const relay = { url: input.relayUrl, WebSocketPolyfill: countingWebSocket(counter) };
      const { settings } = input;
      devices.push(
        await openBenchDevice({ workspace, member, clock: time.clock, relay, settings }),
      );
    }
    const [writer, reader] = devices as [BenchDevice, BenchDevice];
    const traffic = devices.map((device, index) => {
      const classifier = createBlobTraffic(device.identity.deviceId);
      counters[index]?.listen(classifier.inspect);
      return classifier;
    });
    await waitUntil(
      () => devices.every((device) => device.engine.status.get().connection === 'synced'),
      'both Trellis devices synced with the relay',
    );
    const blobs = tallyBlobs(writer.engine.room().doc, workspace);
    // After each timer: the engines' work done, both outer docs holding the same blobs (what
    // one published has reached the other through the relay), and the sockets quiet. Only then
    // does virtual time move on, so no timer (a keep-alive above all) fires while a blob is
    // still on its way, which real time, with seconds between them, would rarely see.
    const inStep = () => {
      const [a, b] = devices.map((device) => Y.encodeStateVector(device.engine.room().doc));
      return a !== undefined && b !== undefined && Buffer.compare(a, b) === 0;
    };
    const settle = async () => {
      await Promise.all(devices.map((device) => device.engine.whenSettled()));
      await waitUntil(inStep, 'both outer docs hold the same blobs');
      await waitForQuiet(counters, { quietMs: QUIET_MS });
      await Promise.all(devices.map((device) => device.engine.whenSettled()));
    };
    let timerStops = await replaySchedule({
      label: 'trellis',
      time,
      schedule: input.schedule,
      trace: input.trace,
      edits: input.edits,
      doc: writer.engine.innerDoc,
      afterTimer: settle,
    });
    // The last batch: past the longest batching delay, then until the partner has it all.
    timerStops += await time.advanceTo(time.now() + 5_000, settle);
    const expected = structuredState(writer.engine.innerDoc);
    const text = reader.engine.innerDoc.getText(TRACE_TEXT);
    await waitUntil(
      () =>
        text.toString() === input.trace.endContent &&
        structuredState(reader.engine.innerDoc) === expected,
      "the partner's inner doc matches the trace's end content and every structured edit",
    );
    if (writer.engine.innerDoc.getText(TRACE_TEXT).toString() !== input.trace.endContent) {
      throw new Error("trellis: the writer's text is not the trace's end content");
    }
    await waitForQuiet(counters, { quietMs: 300 });
    logProgress(`trellis: the partner reached the end content (${text.length} characters)`);
    return {
      bytes: mergeReports(counters.map((counter) => counter.report())),
      seconds: (performance.now() - started) / 1000,
      timerStops,
      structured: expected,
      blobs: blobs.tally(),
      traffic: sumBlobTraffic(traffic.map((classifier) => classifier.report())),
      writer: writer.engine.counters(),
      reader: reader.engine.counters(),
      writerClientIdBytes: varUintBytes(writer.engine.innerDoc.clientID),
    };
  } finally {
    for (const device of devices) await device.close();
  }
}

/** Bytes of `value` as a lib0 varuint (7 bits a byte). */
function varUintBytes(value: number): number {
  let bytes = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes += 1;
  return bytes;
}
