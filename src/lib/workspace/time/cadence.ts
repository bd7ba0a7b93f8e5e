import { addDays, addMonths } from './calendarDate';
import { wallToEpochMs } from './localToUtc';
import { zonedPartsAt } from './zonedParts';

export const CADENCE_UNITS = ['day', 'week', 'month'] as const;
export type CadenceUnit = (typeof CADENCE_UNITS)[number];

/** "Every 2 weeks": how often something recurs, on the calendar of the person's zone. */
export interface Cadence {
  every: number;
  unit: CadenceUnit;
}

/** Upper bounds keep a typo ("every 700 weeks") from hiding every due date. */
const MAX_EVERY: Record<CadenceUnit, number> = { day: 366, week: 53, month: 12 };

/**
 * A cadence from untrusted input: a whole `every` from 1 to a year's worth, a known unit.
 *
 * @example
 *   parseCadence({ every: 2, unit: 'week' }); // { every: 2, unit: 'week' }
 *   parseCadence({ every: 0, unit: 'week' }); // undefined
 */
export function parseCadence(value: unknown): Cadence | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { every, unit } = value as Record<string, unknown>;
  if (typeof unit !== 'string' || !(CADENCE_UNITS as readonly string[]).includes(unit)) {
    return undefined;
  }
  const cadenceUnit = unit as CadenceUnit;
  if (typeof every !== 'number' || !Number.isInteger(every)) return undefined;
  if (every < 1 || every > MAX_EVERY[cadenceUnit]) return undefined;
  return { every, unit: cadenceUnit };
}

/**
 * The instant `times` cadence steps after `instant`, stepping on the wall calendar of `timeZone`:
 * a fortnightly 18:00 meeting stays at 18:00 local across a daylight-saving change, and a
 * monthly one on the 31st falls on the month's last day when the month is shorter.
 *
 * @example
 *   addCadence({ instant: new Date('2024-03-25T17:00:00Z'), cadence: { every: 1, unit: 'week' },
 *     timeZone: 'Europe/Berlin' }); // 2024-04-01T16:00:00Z — still 18:00 in Berlin, now in summer time
 */
export function addCadence(input: {
  instant: Date;
  cadence: Cadence;
  timeZone: string;
  times?: number;
}): Date {
  const steps = (input.times ?? 1) * input.cadence.every;
  const wall = zonedPartsAt(input.instant.getTime(), input.timeZone);
  const date = { year: wall.year, month: wall.month, day: wall.day };
  const next =
    input.cadence.unit === 'month'
      ? addMonths(date, steps)
      : addDays(date, input.cadence.unit === 'week' ? steps * 7 : steps);
  const wallMs = Date.UTC(next.year, next.month - 1, next.day, wall.hour, wall.minute, wall.second);
  return new Date(wallToEpochMs(wallMs, input.timeZone).epochMs);
}
