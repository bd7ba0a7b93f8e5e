import { canonicalTimeZone, compareStrings, zoneOrUtc } from '$lib/workspace';
import { timeZoneLabel } from './timeZoneLabel';

/**
 * The zones this browser knows, for a time-zone picker: by today's IANA names (the runtime lists
 * several by old spellings, `Asia/Calcutta`), labelled with the city and its offset at `at`,
 * sorted by label, with `current` and `UTC` included (`UTC` is missing from some engines' list).
 *
 * @example
 *   timeZoneOptions('Asia/Kathmandu', new Date());
 *   // [{ value: 'Africa/Abidjan', label: 'Abidjan (UTC+0)' }, …]
 */
export function timeZoneOptions(
  current: string,
  at: Date = new Date(),
): Array<{ value: string; label: string }> {
  const zones = new Set(Intl.supportedValuesOf('timeZone').map(canonicalTimeZone));
  zones.add('UTC');
  if (current) zones.add(zoneOrUtc(current));
  return [...zones]
    .map((zone) => ({ value: zone, label: timeZoneLabel(zone, at) }))
    .sort((a, b) => compareStrings(a.label, b.label) || compareStrings(a.value, b.value));
}

/**
 * This device's time zone by its IANA name, the default for a new profile. Browsers report some
 * zones by an old spelling (`Asia/Katmandu` in Chromium); this gives today's.
 *
 * @example
 *   deviceTimeZone(); // 'Asia/Kathmandu'
 */
export function deviceTimeZone(): string {
  return zoneOrUtc(Intl.DateTimeFormat().resolvedOptions().timeZone);
}
