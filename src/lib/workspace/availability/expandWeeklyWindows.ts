import {
  addDays,
  calendarDateFromUtcMs,
  isoWeekday,
  type CalendarDate,
} from '../time/calendarDate';
import { wallToEpochMs } from '../time/localToUtc';
import { parseWallTime } from '../time/wallTime';
import { zonedPartsAt } from '../time/zonedParts';
import type { WeeklyWindow } from './availabilityWindow';
import { unionIntervals, type Interval } from './intervals';

/**
 * The concrete UTC spans of weekly wall-clock windows within `range`, in `timeZone`. Each
 * occurrence is placed on its own date, so a window keeps its local hours across a
 * daylight-saving change (and its UTC hours shift).
 *
 * @example
 *   expandWeeklyWindows({ windows: [{ weekday: 1, start: '09:00', end: '12:00' }],
 *     timeZone: 'Europe/Berlin', range: { start: mondayMs, end: mondayMs + 7 * 86_400_000 } });
 */
export function expandWeeklyWindows(input: {
  windows: readonly WeeklyWindow[];
  timeZone: string;
  range: Interval;
}): Interval[] {
  const { range, timeZone } = input;
  const first = localDateAt(range.start, timeZone);
  const last = localDateAt(range.end, timeZone);
  const spans: Interval[] = [];
  // Start a day early: a window that began yesterday may run past midnight into the range.
  for (let date = addDays(first, -1); !isAfter(date, last); date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    for (const window of input.windows) {
      if (window.weekday !== weekday) continue;
      const span = occurrence(window, date, timeZone);
      if (!span) continue;
      const start = Math.max(span.start, range.start);
      const end = Math.min(span.end, range.end);
      if (end > start) spans.push({ start, end });
    }
  }
  return unionIntervals(spans);
}

function occurrence(
  window: WeeklyWindow,
  date: CalendarDate,
  timeZone: string,
): Interval | undefined {
  const startMinutes = parseWallTime(window.start);
  const endMinutes = parseWallTime(window.end);
  if (startMinutes === undefined || endMinutes === undefined) return undefined;
  const dayMs = Date.UTC(date.year, date.month - 1, date.day);
  const endDayMs = endMinutes <= startMinutes ? dayMs + 86_400_000 : dayMs;
  const start = wallToEpochMs(dayMs + startMinutes * 60_000, timeZone).epochMs;
  const end = wallToEpochMs(endDayMs + endMinutes * 60_000, timeZone).epochMs;
  return end > start ? { start, end } : undefined;
}

function localDateAt(epochMs: number, timeZone: string): CalendarDate {
  const parts = zonedPartsAt(epochMs, timeZone);
  return calendarDateFromUtcMs(Date.UTC(parts.year, parts.month - 1, parts.day));
}

function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return Date.UTC(a.year, a.month - 1, a.day) > Date.UTC(b.year, b.month - 1, b.day);
}
