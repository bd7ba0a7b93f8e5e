import type * as Y from 'yjs';
import { readAgreementTerms } from '../agreement/agreementTerms';
import { listReviews } from '../feedback/reviews';
import { listGoals } from '../goals/readGoal';
import { compareStrings } from '../model/compareStrings';
import { listSessions } from '../sessions/readSession';
import { daysBetween, parseCalendarDate } from '../time/calendarDate';
import { zoneOrUtc } from '../time/isValidTimeZone';
import { utcToLocal } from '../time/utcToLocal';

export interface TimelineEvent {
  kind: 'session' | 'goal-target' | 'review';
  id: string;
  /** The viewer's local date, `YYYY-MM-DD`. */
  date: string;
  /** The instant, for sessions and reviews. */
  at: string | undefined;
  label: string;
  past: boolean;
}

export interface TermTimeline {
  termStart: string | null;
  termEnd: string | null;
  /** The viewer's local date. */
  today: string;
  /** Share of the term elapsed, 0 … 1; `undefined` without both dates. */
  elapsed: number | undefined;
  /** Days until the term's end (negative once past); `undefined` without an end. */
  daysLeft: number | undefined;
  ended: boolean;
  /** Sessions (not cancelled), goal target dates and reviews, in date order. */
  events: TimelineEvent[];
}

/**
 * The term as a timeline for the overview, on the viewer's calendar.
 *
 * @example
 *   const term = termTimeline(doc, { now, timeZone: viewer.timeZone });
 *   progressBar.value = term.elapsed ?? 0;
 */
export function termTimeline(doc: Y.Doc, input: { now: Date; timeZone: string }): TermTimeline {
  const timeZone = zoneOrUtc(input.timeZone);
  const terms = readAgreementTerms(doc);
  const today = utcToLocal(input.now, timeZone).date;
  const nowIso = input.now.toISOString();
  const events: TimelineEvent[] = [];
  for (const session of listSessions(doc)) {
    if (session.status === 'cancelled') continue;
    events.push({
      kind: 'session',
      id: session.id,
      date: utcToLocal(new Date(session.startsAt), timeZone).date,
      at: session.startsAt,
      label: session.title,
      past: session.startsAt <= nowIso,
    });
  }
  for (const goal of listGoals(doc)) {
    if (goal.targetDate === null || goal.status === 'dropped') continue;
    events.push({
      kind: 'goal-target',
      id: goal.id,
      date: goal.targetDate,
      at: undefined,
      label: goal.title,
      past: goal.targetDate < today,
    });
  }
  for (const review of listReviews(doc)) {
    if (review.startedAt === undefined) continue;
    const at = new Date(review.startedAt);
    if (Number.isNaN(at.getTime())) continue;
    events.push({
      kind: 'review',
      id: review.id,
      date: utcToLocal(at, timeZone).date,
      at: review.startedAt,
      label: '',
      past: review.startedAt <= nowIso,
    });
  }
  events.sort(
    (a, b) =>
      compareStrings(a.date, b.date) ||
      compareStrings(a.at ?? '', b.at ?? '') ||
      compareStrings(a.id, b.id),
  );
  const start = parseCalendarDate(terms.termStart);
  const end = parseCalendarDate(terms.termEnd);
  const todayDate = parseCalendarDate(today);
  let elapsed: number | undefined;
  let daysLeft: number | undefined;
  if (end && todayDate) daysLeft = daysBetween(todayDate, end);
  if (start && end && todayDate) {
    const length = daysBetween(start, end);
    elapsed = length > 0 ? Math.min(1, Math.max(0, daysBetween(start, todayDate) / length)) : 1;
  }
  return {
    termStart: terms.termStart,
    termEnd: terms.termEnd,
    today,
    elapsed,
    daysLeft,
    ended: terms.termEnd !== null && today > terms.termEnd,
    events,
  };
}
