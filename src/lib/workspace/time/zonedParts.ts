/** A wall-clock reading in some zone, to the second. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

import { intlTimeZone } from './isValidTimeZone';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // `hourCycle: 'h23'`: with `hour12: false` some engines print midnight as 24.
    formatter = new Intl.DateTimeFormat('en-US', {
      // The spelling this runtime knows (`Europe/Kiev` on an ICU without `Europe/Kyiv`).
      timeZone: intlTimeZone(timeZone) ?? timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall clock in `timeZone` at an instant, from the runtime's IANA data. The zone must be
 * valid (see `isValidTimeZone`); an unknown one throws `RangeError`.
 *
 * @example
 *   zonedPartsAt(Date.parse('2024-07-01T12:00:00Z'), 'Europe/Berlin'); // 14:00:00 on 2024-07-01
 */
export function zonedPartsAt(epochMs: number, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7 200 000).
 *
 * @example
 *   offsetMsAt(Date.parse('2024-01-15T00:00:00Z'), 'Asia/Kathmandu'); // 20_700_000 (+05:45)
 */
export function offsetMsAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const wall = zonedPartsAt(wholeSecond, timeZone);
  const wallAsUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
  );
  return wallAsUtc - wholeSecond;
}
