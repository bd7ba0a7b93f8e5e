import { describe, expect, it } from 'vitest';
import type { DeviceId } from '$lib/crypto';
import { createSeqTracker } from '$lib/sync/receiver/seqTracker';

const X = 'device-x' as DeviceId;
const Y = 'device-y' as DeviceId;

describe('the seq tracker', () => {
  it('places seqs as duplicate, next or ahead', () => {
    const tracker = createSeqTracker<string>(new Map([[X, 3]]));
    expect(tracker.place(X, 2)).toBe('duplicate');
    expect(tracker.place(X, 3)).toBe('duplicate');
    expect(tracker.place(X, 4)).toBe('next');
    expect(tracker.place(X, 6)).toBe('ahead');
    expect(tracker.place(Y, 1)).toBe('next');
    tracker.hold(X, 6, 'six');
    expect(tracker.place(X, 6)).toBe('duplicate');
  });

  it('reports each gap as a range, and releases held blobs in order', () => {
    const tracker = createSeqTracker<string>();
    tracker.hold(X, 3, 'three');
    tracker.hold(X, 6, 'six');
    expect(tracker.gaps()).toEqual([
      { deviceId: X, fromSeq: 1, toSeq: 2 },
      { deviceId: X, fromSeq: 4, toSeq: 5 },
    ]);
    expect(tracker.takeNext(X)).toBeUndefined();
    tracker.raiseTo(X, 2);
    expect(tracker.takeNext(X)).toBe('three');
    tracker.raiseTo(X, 3);
    expect(tracker.gaps()).toEqual([{ deviceId: X, fromSeq: 4, toSeq: 5 }]);
    expect(tracker.heldCount()).toBe(1);
  });

  it('drops held blobs a raise covers, and never moves back', () => {
    const tracker = createSeqTracker<string>();
    tracker.hold(X, 4, 'four');
    tracker.hold(X, 9, 'nine');
    expect(tracker.raiseTo(X, 5)).toEqual(['four']);
    expect(tracker.raiseTo(X, 2)).toEqual([]);
    expect(tracker.contiguous(X)).toBe(5);
    expect(tracker.devicesWithHeld()).toEqual([X]);
    expect(tracker.vector()).toEqual(new Map([[X, 5]]));
  });
});
