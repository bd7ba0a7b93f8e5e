import { canonicalTimeZone, timeZoneSpellings } from './canonicalTimeZone';

const accepted = new Map<string, string | undefined>();

function runtimeAccepts(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The spelling of `timeZone` this runtime's `Intl` accepts, for formatting: the canonical name
 * where known, else an old spelling of it (an engine whose ICU predates `Europe/Kyiv`), else
 * `undefined`. Store and show `canonicalTimeZone`; hand this one to `Intl`.
 *
 * @example
 *   intlTimeZone('Asia/Katmandu'); // 'Asia/Kathmandu'
 *   intlTimeZone('Mars/Olympus'); // undefined
 */
export function intlTimeZone(timeZone: unknown): string | undefined {
  if (typeof timeZone !== 'string' || timeZone === '' || timeZone.length > 64) return undefined;
  if (accepted.has(timeZone)) return accepted.get(timeZone);
  const spelling = timeZoneSpellings(timeZone).find(runtimeAccepts);
  accepted.set(timeZone, spelling);
  return spelling;
}

/**
 * Whether the runtime knows `timeZone` as an IANA zone (`Europe/Berlin`, `UTC`), under this or an
 * older spelling (`Asia/Katmandu` for `Asia/Kathmandu`).
 *
 * @example
 *   isValidTimeZone('Asia/Kathmandu'); // true
 *   isValidTimeZone('Mars/Olympus'); // false
 */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  return intlTimeZone(timeZone) !== undefined;
}

/**
 * `timeZone` by its canonical name if the runtime knows it, else `UTC`: for reading stored zones
 * (an old client may have written `Asia/Calcutta`) and for displays that must not fail on a zone
 * written by a newer or broken client.
 *
 * @example
 *   zoneOrUtc('Asia/Calcutta'); // 'Asia/Kolkata'
 *   zoneOrUtc('Mars/Olympus'); // 'UTC'
 */
export function zoneOrUtc(timeZone: unknown): string {
  return isValidTimeZone(timeZone) ? canonicalTimeZone(timeZone) : 'UTC';
}
