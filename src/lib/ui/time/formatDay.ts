import { intlTimeZone } from '$lib/workspace';

/**
 * A calendar date (`YYYY-MM-DD`, a day on someone's calendar, no time) as the reader's locale
 * writes it. Read at UTC noon so no zone can shift it to the day before.
 *
 * @example
 *   formatDay('2025-03-14'); // 'Fri 14 Mar 2025' (en-GB)
 */
export function formatDay(date: string, locale?: string): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(instant);
}

/**
 * An instant as the reader's wall clock shows it in `timeZone`, with the date.
 *
 * @example
 *   formatInstant('2025-03-14T17:00:00.000Z', 'Europe/Berlin'); // 'Fri 14 Mar 2025, 18:00'
 */
export function formatInstant(iso: string, timeZone: string, locale?: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone: intlTimeZone(timeZone) ?? 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
}
