// The idle timer, driven by a fake clock and a plain EventTarget: no real waiting. Besides the
// ordinary period, it covers the tab whose timers were frozen (sleep, background throttling):
// the first activity after the idle time must still lock.
import { describe, expect, it } from 'vitest';
import { ACTIVITY_EVENTS, createIdleTimer, type IdleClock } from '$lib/state/idleTimer';

const IDLE_MS = 5 * 60_000;

/**
 * A clock whose time moves only when told; `advance` runs due timeouts in order. Timeouts count
 * elapsed time (`time`), while `now` is the wall clock, which can be set back (`offset`).
 */
function fakeClock() {
  let time = 1_000_000;
  let offset = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: IdleClock & {
    advance(ms: number): void;
    jump(ms: number): void;
    setWallClockBack(ms: number): void;
    pending(): number;
  } = {
    now: () => time + offset,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: time + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= end)
          .sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due[0]);
        time = due[1].at;
        due[1].callback();
      }
      time = end;
    },
    /** The clock moves but no timeout runs: a frozen or sleeping page. */
    jump(ms) {
      time += ms;
    },
    setWallClockBack(ms) {
      offset -= ms;
    },
    pending: () => timers.size,
  };
  return clock;
}

function setup(options: { idleMs?: number; visible?: () => boolean } = {}) {
  const clock = fakeClock();
  const target = new EventTarget();
  let idle = 0;
  const timer = createIdleTimer({
    idleMs: options.idleMs ?? IDLE_MS,
    onIdle: () => (idle += 1),
    target,
    clock,
    isVisible: options.visible ?? (() => true),
  });
  return {
    clock,
    timer,
    idleCount: () => idle,
    emit: (type: string) => target.dispatchEvent(new Event(type)),
  };
}

describe('createIdleTimer', () => {
  it('fires once, exactly when the idle time has passed without activity', () => {
    const { clock, idleCount } = setup();
    clock.advance(IDLE_MS - 1);
    expect(idleCount()).toBe(0);
    clock.advance(1);
    expect(idleCount()).toBe(1);
    clock.advance(10 * IDLE_MS);
    expect(idleCount()).toBe(1);
  });

  it.each([...ACTIVITY_EVENTS])('starts the period again on %s', (type) => {
    const { clock, idleCount, emit } = setup();
    clock.advance(IDLE_MS - 1);
    emit(type);
    clock.advance(IDLE_MS - 1);
    expect(idleCount()).toBe(0);
    clock.advance(1);
    expect(idleCount()).toBe(1);
  });

  it('ignores events that are not activity', () => {
    const { clock, idleCount, emit } = setup();
    clock.advance(IDLE_MS - 1);
    for (const type of ['mousemove', 'scroll', 'focus', 'blur']) emit(type);
    clock.advance(1);
    expect(idleCount()).toBe(1);
  });

  it('fires again after activity and another idle period, once per period', () => {
    const { clock, idleCount, emit } = setup();
    clock.advance(IDLE_MS);
    emit('keydown');
    expect(idleCount()).toBe(1);
    clock.advance(IDLE_MS);
    expect(idleCount()).toBe(2);
    clock.advance(IDLE_MS);
    expect(idleCount()).toBe(2);
  });

  it('counts a return to the page as activity, but not leaving it', () => {
    let visible = true;
    const { clock, idleCount, emit } = setup({ visible: () => visible });
    clock.advance(IDLE_MS - 10);
    visible = false;
    emit('visibilitychange');
    clock.advance(10);
    expect(idleCount()).toBe(1);

    visible = true;
    emit('visibilitychange');
    clock.advance(IDLE_MS - 1);
    expect(idleCount()).toBe(1);
    clock.advance(1);
    expect(idleCount()).toBe(2);
  });

  it('fires on the first activity after a frozen page outlived the idle time', () => {
    const { clock, idleCount, emit } = setup();
    clock.jump(IDLE_MS + 1);
    expect(idleCount()).toBe(0);
    emit('pointerdown');
    expect(idleCount()).toBe(1);
    // The activity started a new period: the next report comes a whole idle time later.
    clock.advance(IDLE_MS - 1);
    expect(idleCount()).toBe(1);
    clock.advance(1);
    expect(idleCount()).toBe(2);
  });

  it('fires on a return to the page after the idle time passed while hidden', () => {
    let visible = false;
    const { clock, idleCount, emit } = setup({ visible: () => visible });
    clock.jump(2 * IDLE_MS);
    visible = true;
    emit('visibilitychange');
    expect(idleCount()).toBe(1);
  });

  it('waits out the rest when a timeout comes early (the wall clock was set back)', () => {
    const { clock, idleCount } = setup();
    clock.setWallClockBack(60_000);
    clock.advance(IDLE_MS);
    expect(idleCount()).toBe(0);
    clock.advance(60_000);
    expect(idleCount()).toBe(1);
  });

  it('does nothing after stop, and reset starts it again', () => {
    const { clock, timer, idleCount, emit } = setup();
    timer.stop();
    expect(clock.pending()).toBe(0);
    emit('keydown');
    expect(clock.pending()).toBe(0);
    clock.advance(2 * IDLE_MS);
    expect(idleCount()).toBe(0);

    timer.reset();
    clock.advance(IDLE_MS - 1);
    emit('keydown');
    clock.advance(IDLE_MS - 1);
    expect(idleCount()).toBe(0);
    clock.advance(1);
    expect(idleCount()).toBe(1);
  });

  it('never fires from reset itself, even when the period is long over', () => {
    const { clock, timer, idleCount } = setup();
    clock.jump(3 * IDLE_MS);
    timer.reset();
    expect(idleCount()).toBe(0);
    clock.advance(IDLE_MS);
    expect(idleCount()).toBe(1);
  });

  it('applies a new idle time from now', () => {
    const { clock, timer, idleCount } = setup();
    clock.advance(IDLE_MS - 1);
    timer.setIdleMs(60_000);
    clock.advance(59_999);
    expect(idleCount()).toBe(0);
    clock.advance(1);
    expect(idleCount()).toBe(1);
  });

  it('keeps one pending timeout however much activity there is', () => {
    const { clock, emit } = setup();
    for (let i = 0; i < 50; i += 1) emit('wheel');
    expect(clock.pending()).toBe(1);
  });

  it('refuses idle times that are not positive or too long for setTimeout', () => {
    for (const idleMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      expect(() => setup({ idleMs })).toThrow(RangeError);
    }
    const { timer } = setup();
    expect(() => timer.setIdleMs(0)).toThrow(RangeError);
  });
});
