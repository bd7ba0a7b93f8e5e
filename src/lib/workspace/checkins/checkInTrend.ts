import type * as Y from 'yjs';
import { readAgreementTerms } from '../agreement/agreementTerms';
import { dueAfter, type Due } from '../schedule/due';
import { listCheckIns } from './addCheckIn';
import type { CheckIn } from './checkIn';

export interface CheckInTrend {
  /** Oldest first, for a chart. */
  points: Array<Pick<CheckIn, 'at' | 'mood' | 'workload'>>;
  latest: CheckIn | undefined;
  /** Mean mood and workload over the last `window` check-ins (`undefined` without any). */
  recentMood: number | undefined;
  recentWorkload: number | undefined;
  /**
   * The latest check-in asks for attention: mood at 2 or below, workload at 5, a blocker named,
   * or mood 2 or more points below the one before.
   */
  needsSupport: boolean;
}

/**
 * A person's check-ins over time, for the trend chart and the "needs support" flag.
 *
 * @example
 *   const trend = checkInTrend(doc, { personId: menteeId });
 *   if (trend.needsSupport) highlight();
 */
export function checkInTrend(
  doc: Y.Doc,
  input: { personId: string; since?: Date; window?: number },
): CheckInTrend {
  const since = input.since?.toISOString() ?? '';
  const all = listCheckIns(doc, { personId: input.personId }).filter((entry) => entry.at >= since);
  const recent = all.slice(-(input.window ?? 3));
  const mean = (values: number[]) =>
    values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;
  const latest = all.at(-1);
  const previous = all.at(-2);
  const needsSupport =
    latest !== undefined &&
    (latest.mood <= 2 ||
      latest.workload >= 5 ||
      latest.blockers.trim() !== '' ||
      (previous !== undefined && previous.mood - latest.mood >= 2));
  return {
    points: all.map(({ at, mood, workload }) => ({ at, mood, workload })),
    latest,
    recentMood: mean(recent.map((entry) => entry.mood)),
    recentWorkload: mean(recent.map((entry) => entry.workload)),
    needsSupport,
  };
}

/**
 * When the next check-in is due by the agreed cadence: one cadence after the last check-in (of
 * `personId`, or of either person), or after the term's start.
 *
 * @example
 *   checkInDue(doc, { now, timeZone: viewer.timeZone, personId: menteeId });
 */
export function checkInDue(
  doc: Y.Doc,
  input: { now: Date; timeZone: string; personId?: string },
): Due | undefined {
  const terms = readAgreementTerms(doc);
  const last = listCheckIns(doc, { personId: input.personId }).at(-1);
  return dueAfter({
    last: last ? new Date(last.at) : undefined,
    termStart: terms.termStart,
    cadence: terms.checkInCadence,
    timeZone: input.timeZone,
    now: input.now,
  });
}
