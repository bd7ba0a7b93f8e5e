// Side (b) of wire-bytes: the baseline. Two plain Y.Docs, each with the stock y-websocket
// `WebsocketProvider` as its documentation shows it, sending every transaction as it happens,
// through the same relay process as side (a). Two departures, both to match virtual time:
//  - BroadcastChannel is off (`disableBc`): both docs live in this one process, where lib0's
//    fallback channel would sync them without the network; on two real devices it cannot.
//  - Awareness runs as stock (the provider's default `Awareness`, local state `{}`, sent on
//    connect and renewed every 15 s), but its renewal timer runs on the virtual clock: the stock
//    one reads the real clock, which the benchmark compresses. Awareness is counted, and
//    reported apart.
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { TRACE_TEXT, type EditingTrace } from '../applyTraceTxn';
import { logProgress } from '../benchOutput';
import { createByteCounter } from '../byteCounter';
import { countingWebSocket } from '../countingWebSocket';
import type { HumanSchedule } from '../humanSchedule';
import { createSteppedClock } from '../steppedClock';
import { structuredState, type StructuredEdit } from '../structuredEdits';
import { waitForQuiet, waitUntil } from '../waitFor';
import { replaySchedule } from './replaySchedule';
import type { TypingRun } from './typingRun';

/** y-protocols' awareness renews the local state once it is this old (outdatedTimeout / 2). */
const AWARENESS_RENEW_MS = 15_000;
const ROOM = 'bench-wire-bytes-baseline';

/**
 * Replays the schedule through two stock y-websocket clients and the relay at `relayUrl`.
 *
 * @example
 *   const run = await runStockTyping({ relayUrl, schedule, trace, edits });
 */
export async function runStockTyping(input: {
  relayUrl: string;
  schedule: HumanSchedule;
  trace: EditingTrace;
  edits: readonly StructuredEdit[];
}): Promise<TypingRun> {
  const started = performance.now();
  const time = createSteppedClock(0);
  const counter = createByteCounter();
  // The provider's option is typed as the DOM WebSocket; `ws` is the Node stand-in it supports.
  const WebSocketPolyfill = countingWebSocket(counter) as unknown as typeof WebSocket;
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  const providers = docs.map(
    (doc) =>
      new WebsocketProvider(input.relayUrl, ROOM, doc, { WebSocketPolyfill, disableBc: true }),
  );
  for (const provider of providers) {
    clearInterval(provider.awareness._checkInterval as ReturnType<typeof setInterval>);
  }
  const renew = () => {
    for (const { awareness } of providers) awareness.setLocalState(awareness.getLocalState());
    time.clock.setTimeout(renew, AWARENESS_RENEW_MS);
  };
  time.clock.setTimeout(renew, AWARENESS_RENEW_MS);
  try {
    await waitUntil(
      () => providers.every((provider) => provider.synced),
      'both baseline clients synced with the relay',
    );
    const drain = () => waitForQuiet([counter], { quietMs: 8 });
    let timerStops = await replaySchedule({
      label: 'baseline',
      time,
      schedule: input.schedule,
      trace: input.trace,
      edits: input.edits,
      doc: docs[0],
      afterTimer: drain,
      afterPause: drain,
    });
    timerStops += await time.advanceTo(time.now() + 5_000, drain);
    const [writer, reader] = docs;
    const expected = structuredState(writer);
    const text = reader.getText(TRACE_TEXT);
    await waitUntil(
      () => text.toString() === input.trace.endContent && structuredState(reader) === expected,
      "the partner's doc matches the trace's end content and every structured edit",
    );
    await waitForQuiet([counter], { quietMs: 300 });
    logProgress(`baseline: the partner reached the end content (${text.length} characters)`);
    return {
      bytes: counter.report(),
      seconds: (performance.now() - started) / 1000,
      timerStops,
      structured: expected,
    };
  } finally {
    for (const provider of providers) provider.destroy();
    for (const doc of docs) doc.destroy();
  }
}
