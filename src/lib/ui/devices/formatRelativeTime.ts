const UNITS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: 'year', seconds: 365 * 24 * 3600 },
  { unit: 'month', seconds: 30 * 24 * 3600 },
  { unit: 'week', seconds: 7 * 24 * 3600 },
  { unit: 'day', seconds: 24 * 3600 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

/**
 * How long ago (or how soon) an instant is, in words: "2 hours ago", "in 3 days". English by
 * default, like the rest of the interface, so the words never switch language mid-sentence.
 * Under a minute either way reads "just now": devices' clocks differ by seconds, and a last-seen
 * time a little in the future is one of those, not a time to come. An instant that does not
 * parse returns `undefined`, so the caller can say "unknown" in its own words.
 *
 * @example
 *   formatRelativeTime('2025-03-14T10:00:00Z', new Date('2025-03-14T12:00:00Z')); // '2 hours ago'
 *   formatRelativeTime('2025-03-17T12:00:00Z', new Date('2025-03-14T12:00:00Z')); // 'in 3 days'
 */
export function formatRelativeTime(iso: string, now: Date, locale = 'en'): string | undefined {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at) || Number.isNaN(now.getTime())) return undefined;
  const seconds = Math.round((at - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const { unit, seconds: size } of UNITS) {
    // Whole units only, rounded towards zero: "1 hour ago" until a full 2 hours have passed.
    const count = Math.trunc(seconds / size);
    if (count !== 0) return format.format(count, unit);
  }
  return 'just now';
}
