/** A half-open span of time `[start, end)` in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Sort and merge overlapping or touching intervals; drop empty ones.
 *
 * @example
 *   unionIntervals([{ start: 0, end: 2 }, { start: 1, end: 3 }]); // [{ start: 0, end: 3 }]
 */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * The spans covered by both lists.
 *
 * @example
 *   intersectIntervals([{ start: 0, end: 5 }], [{ start: 3, end: 9 }]); // [{ start: 3, end: 5 }]
 */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const left = unionIntervals(a);
  const right = unionIntervals(b);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const x = left[i] as Interval;
    const y = right[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) result.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return result;
}

/**
 * The spans of `from` not covered by `minus`.
 *
 * @example
 *   subtractIntervals([{ start: 0, end: 10 }], [{ start: 2, end: 4 }]);
 *   // [{ start: 0, end: 2 }, { start: 4, end: 10 }]
 */
export function subtractIntervals(
  from: readonly Interval[],
  minus: readonly Interval[],
): Interval[] {
  const removed = unionIntervals(minus);
  const result: Interval[] = [];
  for (const interval of unionIntervals(from)) {
    let cursor = interval.start;
    for (const cut of removed) {
      if (cut.end <= cursor || cut.start >= interval.end) continue;
      if (cut.start > cursor) result.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}
