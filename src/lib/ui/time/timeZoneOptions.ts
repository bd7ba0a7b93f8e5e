/**
 * The IANA zones this browser knows, for a time-zone picker, with `current` included even when
 * the runtime lists it under another spelling (`Asia/Calcutta` for `Asia/Kolkata`) or not at
 * all (`UTC` is missing from some engines' list).
 *
 * @example
 *   timeZoneOptions('Europe/Berlin'); // [{ value: 'Africa/Abidjan', label: 'Africa/Abidjan' }, …]
 */
export function timeZoneOptions(current: string): Array<{ value: string; label: string }> {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}

/**
 * This device's time zone, the default for a new profile.
 *
 * @example
 *   deviceTimeZone(); // 'Europe/Berlin'
 */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
