// Settings a person may change when running a benchmark, read from the environment once and
// checked: an unreadable value stops the benchmark with a message rather than being ignored.
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from '$lib/sync';

/**
 * The seed in `BENCH_SEED` (a uint32), or `fallback`.
 *
 * @example
 *   const seed = readSeed(42);
 */
export function readSeed(fallback: number): number {
  const raw = process.env.BENCH_SEED;
  if (raw === undefined || raw === '') return fallback;
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError(`BENCH_SEED must be a uint32, not "${raw}"`);
  }
  return seed;
}

/**
 * How many trace transactions to replay: `BENCH_TXNS`, or all of them.
 *
 * @example
 *   const trace = sliceTrace(fullTrace, readTxnLimit());
 */
export function readTxnLimit(): number {
  const raw = process.env.BENCH_TXNS;
  if (raw === undefined || raw === '') return Number.POSITIVE_INFINITY;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`BENCH_TXNS must be a positive whole number, not "${raw}"`);
  }
  return limit;
}

/**
 * Engine settings overridden by `BENCH_ENGINE_SETTINGS` (JSON, e.g. `{"maxDelayMs":5000}`), to
 * see how a figure moves with them. The recorded figures use the defaults.
 *
 * @example
 *   const settings = readEngineSettings(); // {} unless the variable is set
 */
export function readEngineSettings(): Partial<EngineSettings> {
  const raw = process.env.BENCH_ENGINE_SETTINGS;
  if (raw === undefined || raw === '') return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('BENCH_ENGINE_SETTINGS must be a JSON object');
  }
  const defaults: Record<string, unknown> = { ...DEFAULT_ENGINE_SETTINGS };
  const settings: [string, unknown][] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (!(name in defaults)) {
      throw new TypeError(`BENCH_ENGINE_SETTINGS: unknown setting "${name}"`);
    }
    const fallback = defaults[name];
    const fits =
      typeof fallback === 'number'
        ? typeof value === 'number' && Number.isFinite(value) && value >= 0
        : typeof value === typeof fallback;
    if (!fits) {
      throw new TypeError(`BENCH_ENGINE_SETTINGS: ${name} must be like ${String(fallback)}`);
    }
    settings.push([name, value]);
  }
  // Every key was checked against the defaults above, and each value has its default's type.
  return Object.fromEntries(settings) as Partial<EngineSettings>;
}
