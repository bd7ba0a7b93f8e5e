import { fail, type WorkspaceResult } from '../errors';
import { parseCalendarDate } from './calendarDate';
import { isValidTimeZone } from './isValidTimeZone';
import { parseWallTime } from './wallTime';
import { offsetMsAt } from './zonedParts';

/**
 * How a wall time was resolved:
 * - `exact`: it occurs once in the zone.
 * - `skipped`: it falls in a gap where clocks jump forward (02:30 on the day Berlin moves to
 *   summer time never happens); it is moved forward by the gap's length (to 03:30), so a meeting
 *   keeps its duration and lands just after the jump.
 * - `repeated`: it occurs twice because clocks fall back (02:30 on Berlin's autumn change); the
 *   earlier of the two (still summer time) is chosen.
 *
 * These are the rules of RFC 5545 §3.3.5 for local times and of `Temporal`'s `compatible`
 * disambiguation, so an exported calendar entry and the app agree.
 */
export type LocalTimeResolution = 'exact' | 'skipped' | 'repeated';

export interface LocalDateTimeInput {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, 24-hour */
  time: string;
  /** IANA zone, e.g. `Europe/Berlin` */
  timeZone: string;
}

const DAY_MS = 86_400_000;

/**
 * The UTC instant of a wall-clock date and time in a zone, correct across daylight-saving
 * changes (see {@link LocalTimeResolution} for the skipped and the repeated hour).
 *
 * @example
 *   localToUtc({ date: '2024-07-01', time: '09:00', timeZone: 'Europe/Berlin' });
 *   // { ok: true, instant: '2024-07-01T07:00:00.000Z', resolution: 'exact' }
 */
export function localToUtc(
  input: LocalDateTimeInput,
): WorkspaceResult<{ instant: string; resolution: LocalTimeResolution }> {
  const date = parseCalendarDate(input.date);
  if (!date) return fail('INVALID_DATE', 'date');
  const minutes = parseWallTime(input.time);
  if (minutes === undefined) return fail('INVALID_TIME', 'time');
  if (!isValidTimeZone(input.timeZone)) return fail('INVALID_TIME_ZONE', 'timeZone');
  const wallMs = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  const { epochMs, resolution } = wallToEpochMs(wallMs, input.timeZone);
  return { ok: true, instant: new Date(epochMs).toISOString(), resolution };
}

/**
 * The instant of a wall clock given as "milliseconds as if the wall clock were UTC". No zone
 * changes its offset twice within two days, so the offsets a day before and a day after bound
 * every candidate.
 */
export function wallToEpochMs(
  wallMs: number,
  timeZone: string,
): { epochMs: number; resolution: LocalTimeResolution } {
  const offsetBefore = offsetMsAt(wallMs - DAY_MS, timeZone);
  const offsetAfter = offsetMsAt(wallMs + DAY_MS, timeZone);
  const candidates = [...new Set([wallMs - offsetBefore, wallMs - offsetAfter])]
    .filter((epochMs) => epochMs + offsetMsAt(epochMs, timeZone) === wallMs)
    .sort((a, b) => a - b);
  const [earliest] = candidates;
  if (earliest !== undefined) {
    return { epochMs: earliest, resolution: candidates.length > 1 ? 'repeated' : 'exact' };
  }
  // In a gap: read the wall time with the offset in force before the jump, which puts it
  // the gap's length later on the new clock.
  return { epochMs: wallMs - offsetBefore, resolution: 'skipped' };
}
