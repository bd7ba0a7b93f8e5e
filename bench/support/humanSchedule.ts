// "Human rhythm" for replaying a trace in virtual time. A person types in bursts: one key every
// 180–250 ms (about 50 words a minute), 15–60 keys in a row, then stops to think for 2–6 s.
// During some of those pauses they leave the text and change a structured field (a goal's
// status, a new action item). Every number is drawn from a seeded generator, so Trellis and the
// baseline replay the very same schedule.
import { createSeededRandom } from './seededRandom';

/** The rhythm's bounds, in milliseconds and keystrokes (all inclusive). */
export const HUMAN_RHYTHM = {
  keyGapMs: [180, 250],
  burstKeys: [15, 60],
  pauseMs: [2_000, 6_000],
} as const;

/** One thing the person does, at virtual time `at` (ms from the start). */
export type ScheduledEdit =
  { at: number; kind: 'keystroke'; txn: number } | { at: number; kind: 'structured'; edit: number };

/** The whole schedule. */
export interface HumanSchedule {
  events: ScheduledEdit[];
  /** Virtual time of the last event. */
  durationMs: number;
  pauses: number;
}

/**
 * Lays out `keystrokes` trace transactions and `structuredEdits` structured edits (each in the
 * middle of a pause between bursts) on a virtual timeline.
 *
 * @example
 *   const { events } = buildHumanSchedule({ keystrokes: 18_335, structuredEdits: 200, seed: 7 });
 */
export function buildHumanSchedule(input: {
  keystrokes: number;
  structuredEdits: number;
  seed: number;
}): HumanSchedule {
  const random = createSeededRandom(input.seed);
  const { keyGapMs, burstKeys, pauseMs } = HUMAN_RHYTHM;
  const keys: ScheduledEdit[] = [];
  const pauses: { start: number; length: number }[] = [];
  let at = 0;
  let leftInBurst = random.int(burstKeys[0], burstKeys[1]);
  for (let txn = 0; txn < input.keystrokes; txn += 1) {
    keys.push({ at, kind: 'keystroke', txn });
    leftInBurst -= 1;
    if (leftInBurst === 0 && txn < input.keystrokes - 1) {
      const length = random.int(pauseMs[0], pauseMs[1]);
      pauses.push({ start: at, length });
      at += length;
      leftInBurst = random.int(burstKeys[0], burstKeys[1]);
    } else {
      at += random.int(keyGapMs[0], keyGapMs[1]);
    }
  }
  if (pauses.length < input.structuredEdits) {
    throw new RangeError(
      `buildHumanSchedule: ${input.structuredEdits} structured edits need as many pauses, ` +
        `the schedule has ${pauses.length}`,
    );
  }
  // A seeded choice of which pauses hold a structured edit (a partial Fisher–Yates shuffle).
  const order = pauses.map((_, index) => index);
  for (let i = 0; i < input.structuredEdits; i += 1) {
    const j = random.int(i, order.length - 1);
    const picked = order[j] ?? j;
    order[j] = order[i] ?? i;
    order[i] = picked;
  }
  const chosen = order.slice(0, input.structuredEdits).sort((a, b) => a - b);
  const structured: ScheduledEdit[] = chosen.map((pauseIndex, edit) => {
    const pause = pauses[pauseIndex] ?? { start: 0, length: 0 };
    return { at: pause.start + Math.floor(pause.length / 2), kind: 'structured', edit };
  });
  const events = [...keys, ...structured].sort((a, b) => a.at - b.at);
  return { events, durationMs: events.at(-1)?.at ?? 0, pauses: pauses.length };
}
