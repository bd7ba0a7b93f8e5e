import { addCadence, type Cadence } from '../time/cadence';
import { localToUtc } from '../time/localToUtc';
import { utcToLocal } from '../time/utcToLocal';

/** When something recurring is next due, and whether that has passed. */
export interface Due {
  /**
   * The day it is due on the viewer's calendar (`YYYY-MM-DD`). A cadence counts days, weeks or
   * months, so the due is a day, not a moment: a term-start due would otherwise read "00:00".
   */
  dueDate: string;
  /** True from the day after `dueDate`: something due today is not late yet. */
  overdue: boolean;
  /** What the cadence counted from: the last occurrence, or the start of the term. */
  basis: 'last' | 'term-start';
}

/**
 * The next due day: one cadence step after the last occurrence, or after the term's start
 * when there was none yet, on the calendar of `timeZone`. `undefined` when there is neither.
 *
 * @example
 *   dueAfter({ last: lastCheckInAt, termStart: '2025-01-06', cadence: { every: 1, unit: 'week' },
 *     timeZone: 'Europe/Berlin', now }); // { dueDate: '2025-01-13', overdue: false, basis: 'term-start' }
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
  const dueDate = utcToLocal(dueAt, input.timeZone).date;
  const today = utcToLocal(input.now, input.timeZone).date;
  // Calendar dates in `YYYY-MM-DD` order as strings.
  return { dueDate, overdue: today > dueDate, basis };
}
