import { canonicalTimeZone, utcToLocal, zoneOrUtc } from '$lib/workspace';

/**
 * The place a zone is named after, as a person reads it: the city, with the state or country
 * the IANA name puts between region and city (`America/Argentina/Buenos_Aires`).
 *
 * @example
 *   timeZoneCity('Asia/Katmandu'); // 'Kathmandu'
 *   timeZoneCity('America/Indiana/Knox'); // 'Knox, Indiana'
 */
export function timeZoneCity(timeZone: string): string {
  const [, ...place] = canonicalTimeZone(timeZone).split('/');
  if (place.length === 0) return timeZone;
  return place.reverse().join(', ').replaceAll('_', ' ');
}

/**
 * An offset from UTC in minutes as `UTC+5:45`, `UTC−3` (a minus sign, read as "minus"), `UTC+0`.
 *
 * @example
 *   formatUtcOffset(345); // 'UTC+5:45'
 */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '\u2212' : '+';
  const hours = Math.floor(Math.abs(offsetMinutes) / 60);
  const minutes = Math.abs(offsetMinutes) % 60;
  return `UTC${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/**
 * A zone for people: the city and its offset from UTC at `at` (the offset changes with daylight
 * saving, so the label is for now, not forever). An old spelling shows as today's name.
 *
 * @example
 *   timeZoneLabel('Asia/Katmandu', new Date()); // 'Kathmandu (UTC+5:45)'
 *   timeZoneLabel('UTC', new Date()); // 'UTC'
 */
export function timeZoneLabel(timeZone: string, at: Date): string {
  const zone = zoneOrUtc(timeZone);
  if (zone === 'UTC') return 'UTC';
  return `${timeZoneCity(zone)} (${formatUtcOffset(utcToLocal(at, zone).offsetMinutes)})`;
}
