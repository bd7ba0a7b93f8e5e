// Drives one side of the wire-bytes comparison through the schedule: move virtual time to the
// next event (stopping after every timer the side set, so its real work can finish), then make
// the edit as one Yjs transaction, as an editor binding would.
import type * as Y from 'yjs';
import { applyTraceTxn, TRACE_TEXT, type EditingTrace } from '../applyTraceTxn';
import { logProgress } from '../benchOutput';
import type { HumanSchedule } from '../humanSchedule';
import type { SteppedClock } from '../steppedClock';
import { applyStructuredEdit, type StructuredEdit } from '../structuredEdits';

/** A gap between two events longer than this is a pause between bursts. */
const PAUSE_MS = 1_000;

/**
 * Replays `schedule` into `doc`; resolves with how many timer stops virtual time made.
 *
 * @example
 *   await replaySchedule({ label: 'trellis', time, schedule, trace, edits, doc, afterTimer: settle });
 */
export async function replaySchedule(input: {
  label: string;
  time: SteppedClock;
  schedule: HumanSchedule;
  trace: EditingTrace;
  edits: readonly StructuredEdit[];
  doc: Y.Doc;
  /** Awaited after each virtual timer fired. */
  afterTimer: () => Promise<void>;
  /** Awaited at the start of each pause between bursts. */
  afterPause?: () => Promise<void>;
}): Promise<number> {
  const { time, schedule, trace, edits, doc } = input;
  const text = doc.getText(TRACE_TEXT);
  const start = time.now();
  let stops = 0;
  let previous = 0;
  let reported = 0;
  for (const [index, event] of schedule.events.entries()) {
    if (event.at - previous > PAUSE_MS) await input.afterPause?.();
    stops += await time.advanceTo(start + event.at, input.afterTimer);
    doc.transact(() => {
      if (event.kind === 'keystroke') {
        applyTraceTxn(text, trace.txns[event.txn]?.patches ?? []);
      } else {
        const edit = edits[event.edit];
        if (edit) applyStructuredEdit(doc, edit);
      }
    });
    previous = event.at;
    const done = Math.floor((10 * (index + 1)) / schedule.events.length);
    if (done > reported) {
      reported = done;
      logProgress(`${input.label}: ${done * 10}% of the schedule`);
    }
  }
  return stops;
}
