import type * as Y from 'yjs';
import { listPeople } from '../people/listPeople';
import type { WeeklyWindow } from './availabilityWindow';
import { expandWeeklyWindows } from './expandWeeklyWindows';
import { intersectIntervals, subtractIntervals, type Interval } from './intervals';
import { listAvailability } from './listAvailability';

/** One person's week: their zone, when they are available, when not to contact them. */
export interface PersonWeek {
  timeZone: string;
  /** No windows at all means "no stated limits": any time outside quiet hours. */
  available: readonly WeeklyWindow[];
  quiet: readonly WeeklyWindow[];
}

/** A span when everyone is available, as UTC instants; the UI shows it in each person's zone. */
export interface OverlapSpan {
  start: string;
  end: string;
  minutes: number;
}

const DAY_MS = 86_400_000;

/**
 * When all the given people are available and none is in quiet hours, within `days` days from
 * `from`. Each person's windows are placed on their own calendar and zone, so the result is right
 * in weeks when only one of them changes clocks.
 *
 * @example
 *   availabilityOverlap({ people: [mentorWeek, menteeWeek], from: new Date('2024-03-25T00:00:00Z') });
 *   // [{ start: '2024-03-25T16:00:00.000Z', end: '2024-03-25T17:30:00.000Z', minutes: 90 }, …]
 */
export function availabilityOverlap(input: {
  people: readonly PersonWeek[];
  from: Date;
  days?: number;
}): OverlapSpan[] {
  const range = {
    start: input.from.getTime(),
    end: input.from.getTime() + (input.days ?? 7) * DAY_MS,
  };
  let common: Interval[] = [range];
  for (const person of input.people) common = intersectIntervals(common, freeTime(person, range));
  return common.map((span) => ({
    start: new Date(span.start).toISOString(),
    end: new Date(span.end).toISOString(),
    minutes: Math.round((span.end - span.start) / 60_000),
  }));
}

/**
 * {@link availabilityOverlap} for the pair in `doc`.
 *
 * @example
 *   pairAvailabilityOverlap(doc, { from: now, days: 14 });
 */
export function pairAvailabilityOverlap(
  doc: Y.Doc,
  input: { from: Date; days?: number },
): OverlapSpan[] {
  const people = listPeople(doc).map((person) => ({
    timeZone: person.timeZone,
    ...listAvailability(doc, person.personId),
  }));
  return availabilityOverlap({ people, from: input.from, days: input.days });
}

/** A person's available time within `range`, quiet hours removed. */
export function freeTime(person: PersonWeek, range: Interval): Interval[] {
  const available =
    person.available.length === 0
      ? [range]
      : expandWeeklyWindows({ windows: person.available, timeZone: person.timeZone, range });
  const quiet = expandWeeklyWindows({ windows: person.quiet, timeZone: person.timeZone, range });
  return subtractIntervals(available, quiet);
}
