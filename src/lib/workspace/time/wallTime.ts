const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/**
 * Minutes after midnight of an `HH:MM` 24-hour wall time (`00:00` … `23:59`), or `undefined`.
 *
 * @example
 *   parseWallTime('09:30'); // 570
 */
export function parseWallTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = TIME_PATTERN.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/** Whether `text` is an `HH:MM` wall time. */
export function isWallTime(text: unknown): text is string {
  return parseWallTime(text) !== undefined;
}

/** Format minutes after midnight (0 … 1439) as `HH:MM`. */
export function formatWallTime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
