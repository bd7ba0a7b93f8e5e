// A clock that moves only when told to. Timers fire in due order (then in the order they were
// set), each seeing `now()` equal to its due time, exactly as they would in real time.
import type { Clock, TimerHandle } from './clock';

/** A `Clock` driven by `advance`. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void;
  /** How many timers are waiting. */
  pendingTimers(): number;
}

interface Timer {
  due: number;
  order: number;
  callback: () => void;
}

/**
 * A virtual clock starting at `start` milliseconds.
 *
 * @example
 *   const clock = createManualClock();
 *   clock.setTimeout(() => console.debug('fired'), 300);
 *   clock.advance(300); // fired
 */
export function createManualClock(start = 0): ManualClock {
  let now = start;
  let order = 0;
  const timers = new Set<Timer>();
  const nextDue = (limit: number): Timer | undefined => {
    let next: Timer | undefined;
    for (const timer of timers) {
      if (timer.due > limit) continue;
      if (!next || timer.due < next.due || (timer.due === next.due && timer.order < next.order)) {
        next = timer;
      }
    }
    return next;
  };
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer: Timer = { due: now + Math.max(0, ms), order: order++, callback };
      timers.add(timer);
      return { timer };
    },
    clearTimeout(handle: TimerHandle) {
      timers.delete(handle.timer as Timer);
    },
    advance(ms) {
      const target = now + Math.max(0, ms);
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        timers.delete(timer);
        now = timer.due;
        timer.callback();
      }
      now = target;
    },
    pendingTimers: () => timers.size,
  };
}
