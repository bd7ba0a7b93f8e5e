// Virtual time that the benchmark moves one timer at a time. The engine's timers (the batching
// window, keep-alives, compaction) run on the sync layer's manual clock; this wrapper also knows
// when the next one is due, so the benchmark can stop right after each, let the real work it
// started (IndexedDB writes, WebSocket traffic) finish, and only then move on, as real time
// would allow.
import { createManualClock, type Clock, type TimerHandle } from '$lib/sync';

/** See `createSteppedClock`. */
export interface SteppedClock {
  /** The clock to give the engine (and any timer that must run in virtual time). */
  readonly clock: Clock;
  now(): number;
  /**
   * Moves to `target`, stopping at each timer on the way: fires the timers due at that moment,
   * awaits `afterStep`, and goes on. Resolves with the number of stops.
   */
  advanceTo(target: number, afterStep: () => Promise<void>): Promise<number>;
}

/**
 * A stepped virtual clock starting at `start` ms.
 *
 * @example
 *   const time = createSteppedClock(0);
 *   await time.advanceTo(10_000, () => engine.whenSettled());
 */
export function createSteppedClock(start = 0): SteppedClock {
  const manual = createManualClock(start);
  const dues = new Map<TimerHandle, number>();
  const clock: Clock = {
    now: () => manual.now(),
    setTimeout(callback, ms) {
      const handle = manual.setTimeout(() => {
        dues.delete(handle);
        callback();
      }, ms);
      dues.set(handle, manual.now() + Math.max(0, ms));
      return handle;
    },
    clearTimeout(handle) {
      dues.delete(handle);
      manual.clearTimeout(handle);
    },
  };
  const nextDue = () => {
    let next: number | undefined;
    for (const due of dues.values()) if (next === undefined || due < next) next = due;
    return next;
  };
  return {
    clock,
    now: () => manual.now(),
    async advanceTo(target, afterStep) {
      let stops = 0;
      for (let due = nextDue(); due !== undefined && due <= target; due = nextDue()) {
        manual.advance(due - manual.now());
        stops += 1;
        await afterStep();
      }
      manual.advance(Math.max(0, target - manual.now()));
      return stops;
    },
  };
}
