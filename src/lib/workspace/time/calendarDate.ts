/**
 * Calendar dates (`YYYY-MM-DD`, no time, no zone), as used for goal target dates, due dates and
 * the agreement's term. Arithmetic runs on UTC midnights, which have no daylight-saving gaps.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Parse a real calendar date between years 1000 and 9999, or `undefined` (`2025-02-30` is not one).
 *
 * @example
 *   parseCalendarDate('2024-02-29'); // { year: 2024, month: 2, day: 29 }
 */
export function parseCalendarDate(text: unknown): CalendarDate | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Whether `text` is a real `YYYY-MM-DD` date. */
export function isCalendarDate(text: unknown): text is string {
  return parseCalendarDate(text) !== undefined;
}

/** Format as `YYYY-MM-DD`. */
export function formatCalendarDate(date: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds of the date's UTC midnight, for arithmetic only. */
export function calendarDateToUtcMs(date: CalendarDate): number {
  const ms = Date.UTC(date.year, date.month - 1, date.day);
  return ms;
}

/** The calendar date of a UTC-midnight-based millisecond value. */
export function calendarDateFromUtcMs(ms: number): CalendarDate {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * Add whole days.
 *
 * @example
 *   addDays({ year: 2024, month: 2, day: 28 }, 2); // 2024-03-01
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return calendarDateFromUtcMs(calendarDateToUtcMs(date) + days * DAY_MS);
}

/**
 * Add calendar months; a day past the end of the target month becomes its last day
 * (31 January + 1 month = 28 or 29 February).
 *
 * @example
 *   addMonths({ year: 2024, month: 1, day: 31 }, 1); // 2024-02-29
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((calendarDateToUtcMs(to) - calendarDateToUtcMs(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const day = new Date(calendarDateToUtcMs(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Compare two `YYYY-MM-DD` strings (their text order is their date order). */
export function compareCalendarDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
