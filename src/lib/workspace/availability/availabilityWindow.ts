import type * as Y from 'yjs';
import { readEnum, readNumber, readString } from '../model/readFields';
import { isWallTime } from '../time/wallTime';

export const WINDOW_KINDS = ['available', 'quiet'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/**
 * A weekly window on the person's own wall clock: "Mondays 18:00–20:00" (available) or
 * "Fridays 22:00–07:00" (quiet: do not contact). An `end` at or before `start` runs past
 * midnight into the next day; `start` equal to `end` is the whole day.
 */
export interface WeeklyWindow {
  /** ISO weekday of the start: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** `HH:MM` */
  start: string;
  /** `HH:MM` */
  end: string;
}

export interface AvailabilityWindow extends WeeklyWindow {
  id: string;
  personId: string;
  kind: WindowKind;
}

/** Whether `value` is an ISO weekday (1 … 7). */
export function isIsoWeekday(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7;
}

/**
 * Parse a window entity, or `undefined` when any field is malformed.
 *
 * @example
 *   const window = readAvailabilityWindow(id, map);
 */
export function readAvailabilityWindow(
  id: string,
  map: Y.Map<unknown>,
): AvailabilityWindow | undefined {
  const personId = readString(map, 'personId');
  const kind = readEnum(map, 'kind', WINDOW_KINDS);
  const weekday = readNumber(map, 'weekday');
  const start = readString(map, 'start');
  const end = readString(map, 'end');
  if (personId === undefined || !kind || !isIsoWeekday(weekday)) return undefined;
  if (!isWallTime(start) || !isWallTime(end)) return undefined;
  return { id, personId, kind, weekday, start, end };
}
