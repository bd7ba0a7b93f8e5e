// Every timer in the sync engine goes through a `Clock`, so tests and benchmarks can run the
// batching window, retries and "synced at" times in virtual time instead of waiting.

/** An opaque timer handle returned by `Clock.setTimeout`. */
export type TimerHandle = { readonly timer: unknown };

/** The time source and timer of the sync engine. */
export interface Clock {
  /** Milliseconds since the epoch (or since the virtual clock's start). */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock: `Date.now` and the platform timers.
 *
 * @example
 *   const engine = await openSyncedWorkspace({ ...options, clock: systemClock });
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => ({ timer: globalThis.setTimeout(callback, ms) }),
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle.timer as ReturnType<typeof globalThis.setTimeout>),
};
