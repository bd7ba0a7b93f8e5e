import { formatCalendarDate, isoWeekday } from './calendarDate';
import { formatWallTime } from './wallTime';
import { offsetMsAt, zonedPartsAt } from './zonedParts';

/** An instant as seen on a wall clock in one zone. */
export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, 24-hour */
  time: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
  /** The zone's offset from UTC at that instant, in minutes (Kathmandu: 345). */
  offsetMinutes: number;
  timeZone: string;
}

/**
 * The wall-clock date and time of an instant in a zone (which must be valid).
 *
 * @example
 *   utcToLocal(new Date('2024-07-01T07:00:00Z'), 'Europe/Berlin');
 *   // { date: '2024-07-01', time: '09:00', weekday: 1, offsetMinutes: 120, timeZone: 'Europe/Berlin' }
 */
export function utcToLocal(instant: Date, timeZone: string): LocalDateTime {
  const epochMs = instant.getTime();
  const parts = zonedPartsAt(epochMs, timeZone);
  const date = { year: parts.year, month: parts.month, day: parts.day };
  return {
    date: formatCalendarDate(date),
    time: formatWallTime(parts.hour * 60 + parts.minute),
    weekday: isoWeekday(date),
    offsetMinutes: Math.round(offsetMsAt(epochMs, timeZone) / 60_000),
    timeZone,
  };
}
