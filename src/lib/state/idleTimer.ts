// App lock locks the app after a stretch without activity. A timeout alone is not enough:
// browsers throttle the timers of hidden tabs, and a phone or laptop that sleeps (or freezes the
// page) runs none at all, so the timeout may not have fired although the time has passed. Every
// activity therefore checks the clock first: if the idle time is already over, `onIdle` fires
// before the activity starts a new period. The default clock is `Date.now`, which keeps counting
// while the device sleeps (a monotonic `performance.now` pauses on some systems).

/** The clock the timer reads; tests pass a fake one. */
export interface IdleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A running idle timer. */
export interface IdleTimer {
  /** Starts a new idle period now (and listens again after `stop`). Never fires `onIdle`. */
  reset(): void;
  /** Stops listening and cancels the pending timeout, e.g. while the app is locked. */
  stop(): void;
  /** Changes the idle time and starts a new period with it. */
  setIdleMs(ms: number): void;
}

/** The events that count as the person being there. */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** The longest delay `setTimeout` honours (about 24.8 days); longer ones fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const documentIsVisible = (): boolean =>
  typeof document === 'undefined' || document.visibilityState === 'visible';

function assertIdleMs(ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TIMEOUT_MS) {
    throw new RangeError(
      `idleMs must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS}`,
    );
  }
}

/**
 * Calls `onIdle` once per idle period: after `idleMs` without a pointerdown, keydown, wheel or
 * touchstart, or a return to the page (visibilitychange to visible) on `target`. Activity starts
 * a new period. Listens in the capture phase, so a component that stops propagation still counts
 * as activity. `isVisible` defaults to `document.visibilityState`.
 *
 * @example
 *   const timer = createIdleTimer({ idleMs: 5 * 60_000, onIdle: () => app.lock() });
 *   // after unlocking: timer.reset(); when the setting changes: timer.setIdleMs(15 * 60_000)
 * @throws RangeError on an idle time that is not a positive number up to about 24.8 days.
 */
export function createIdleTimer(options: {
  idleMs: number;
  onIdle: () => void;
  target?: EventTarget;
  clock?: IdleClock;
  isVisible?: () => boolean;
}): IdleTimer {
  const { onIdle, clock = systemClock, isVisible = documentIsVisible } = options;
  const target = options.target ?? window;
  let idleMs = options.idleMs;
  assertIdleMs(idleMs);
  let lastActivity = clock.now();
  let fired = false;
  let pending: { handle: unknown } | undefined;
  let listening = false;

  const cancel = (): void => {
    if (pending) clock.clearTimeout(pending.handle);
    pending = undefined;
  };

  const fire = (): void => {
    if (fired) return;
    fired = true;
    onIdle();
  };

  const overdue = (): boolean => clock.now() - lastActivity >= idleMs;

  const schedule = (delay: number): void => {
    cancel();
    pending = {
      handle: clock.setTimeout(() => {
        pending = undefined;
        // A timeout may come early if the wall clock was set back; wait out the rest.
        if (overdue()) fire();
        else schedule(Math.min(lastActivity + idleMs - clock.now(), MAX_TIMEOUT_MS));
      }, delay),
    };
  };

  const startPeriod = (): void => {
    lastActivity = clock.now();
    fired = false;
    schedule(idleMs);
  };

  const onActivity = (event: Event): void => {
    if (event.type === 'visibilitychange' && !isVisible()) return;
    if (overdue()) fire();
    startPeriod();
  };

  const listen = (): void => {
    if (listening) return;
    listening = true;
    for (const type of [...ACTIVITY_EVENTS, 'visibilitychange']) {
      target.addEventListener(type, onActivity, { capture: true, passive: true });
    }
  };

  const stop = (): void => {
    cancel();
    if (!listening) return;
    listening = false;
    for (const type of [...ACTIVITY_EVENTS, 'visibilitychange']) {
      target.removeEventListener(type, onActivity, { capture: true });
    }
  };

  listen();
  startPeriod();

  return {
    reset(): void {
      listen();
      startPeriod();
    },
    stop,
    setIdleMs(ms: number): void {
      assertIdleMs(ms);
      idleMs = ms;
      if (listening) startPeriod();
    },
  };
}
