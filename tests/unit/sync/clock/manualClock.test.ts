import { describe, expect, it } from 'vitest';
import { createManualClock } from '$lib/sync';

describe('the manual clock', () => {
  it('fires timers in due order, each at its own time, and not before', () => {
    const clock = createManualClock(1_000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 200);
    const cancelled = clock.setTimeout(() => fired.push('never'), 50);
    clock.clearTimeout(cancelled);
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(150);
    expect(fired).toEqual(['a@1100', 'b@1200', 'c@1200']);
    expect(clock.now()).toBe(1_249);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('runs timers set by timers within the same advance', () => {
    const clock = createManualClock();
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 10), 10);
    clock.advance(25);
    expect(fired).toEqual([20]);
  });
});
