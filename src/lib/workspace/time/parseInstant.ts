const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

/**
 * An instant from a `Date` or an ISO 8601 UTC string (`…Z`), or `undefined`. Only the `Z` form is
 * accepted: instants are stored in UTC, with the zone kept beside them.
 *
 * @example
 *   parseInstant('2024-07-01T07:00:00.000Z')?.getTime(); // 1719817200000
 */
export function parseInstant(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' || !ISO_UTC.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
