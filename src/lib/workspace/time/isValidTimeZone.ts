const known = new Map<string, boolean>();

/**
 * Whether the runtime knows `timeZone` as an IANA zone (`Europe/Berlin`, `UTC`). The name is
 * stored as given: ICU would canonicalise some names to older spellings (`Asia/Katmandu`).
 *
 * @example
 *   isValidTimeZone('Asia/Kathmandu'); // true
 *   isValidTimeZone('Mars/Olympus'); // false
 */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '' || timeZone.length > 64) return false;
  const cached = known.get(timeZone);
  if (cached !== undefined) return cached;
  let valid = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    valid = false;
  }
  known.set(timeZone, valid);
  return valid;
}

/**
 * `timeZone` if the runtime knows it, else `UTC`: for displays that must not fail on a zone
 * written by a newer or broken client.
 *
 * @example
 *   zoneOrUtc('Mars/Olympus'); // 'UTC'
 */
export function zoneOrUtc(timeZone: unknown): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}
