// A benchmark talks on two channels: progress for people on stderr, and exactly one JSON line,
// last, on stdout for BENCHMARKS.md and scripts.

/**
 * Prints a progress line to stderr.
 *
 * @example
 *   logProgress('trellis: 40% of the schedule');
 */
export function logProgress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * Prints the result line to stdout.
 *
 * @example
 *   printResult({ bench: 'wire-bytes', ratio: 0.93 });
 */
export function printResult(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * `value` rounded to `digits` decimals.
 *
 * @example
 *   round(1.23456, 3); // 1.235
 */
export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
