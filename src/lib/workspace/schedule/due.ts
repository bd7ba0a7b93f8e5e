import { addCadence, type Cadence } from '../time/cadence';
import { localToUtc } from '../time/localToUtc';

/** When something recurring is next due, and whether that has passed. */
export interface Due {
  /** UTC ISO instant. */
  dueAt: string;
  overdue: boolean;
  /** What the cadence counted from: the last occurrence, or the start of the term. */
  basis: 'last' | 'term-start';
}

/**
 * The next due instant: one cadence step after the last occurrence, or after the term's start
 * (local midnight) when there was none yet. `undefined` when there is neither.
 *
 * @example
 *   dueAfter({ last: lastCheckInAt, termStart: '2025-01-06', cadence: { every: 1, unit: 'week' },
 *     timeZone: 'Europe/Berlin', now });
 */
export function dueAfter(input: {
  last: Date | undefined;
  termStart: string | null;
  cadence: Cadence;
  timeZone: string;
  now: Date;
}): Due | undefined {
  let base = input.last;
  let basis: Due['basis'] = 'last';
  if (!base) {
    if (input.termStart === null) return undefined;
    const start = localToUtc({ date: input.termStart, time: '00:00', timeZone: input.timeZone });
    if (!start.ok) return undefined;
    base = new Date(start.instant);
    basis = 'term-start';
  }
  const dueAt = addCadence({ instant: base, cadence: input.cadence, timeZone: input.timeZone });
  return { dueAt: dueAt.toISOString(), overdue: input.now.getTime() > dueAt.getTime(), basis };
}
