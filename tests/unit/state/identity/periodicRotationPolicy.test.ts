// periodicRotationDue, the rule alone: an epoch with activity rotates after ROTATION_PERIOD_MS, a
// busy one after ROTATION_MAX_BLOBS blobs, an idle one never; a start dated in the future is not
// believed; and a device that rotated within ROTATION_MIN_GAP_MS waits, whatever the rest says.
import { describe, expect, it } from 'vitest';
import {
  periodicRotationDue,
  ROTATION_CLOCK_SKEW_MS,
  ROTATION_MAX_BLOBS,
  ROTATION_MIN_GAP_MS,
  ROTATION_PERIOD_MS,
  type PeriodicRotationFacts,
} from '$lib/state/identity/periodicRotationPolicy';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;

function facts(overrides: Partial<PeriodicRotationFacts> = {}): PeriodicRotationFacts {
  return {
    epochStartedAt: NOW - ROTATION_PERIOD_MS,
    now: NOW,
    blobsThisEpoch: 1,
    lastOwnPeriodicAt: undefined,
    ...overrides,
  };
}

describe('periodicRotationDue', () => {
  it('is due once an epoch with one blob is a period old, not a moment before', () => {
    expect(periodicRotationDue(facts())).toBe(true);
    expect(periodicRotationDue(facts({ epochStartedAt: NOW - ROTATION_PERIOD_MS + 1 }))).toBe(
      false,
    );
  });

  it('is never due for an epoch without a blob, however old', () => {
    expect(periodicRotationDue(facts({ blobsThisEpoch: 0, epochStartedAt: 0 }))).toBe(false);
  });

  it('is due past the blob bound however young the epoch, and not at it', () => {
    const young = { epochStartedAt: NOW - HOUR };
    expect(periodicRotationDue(facts({ ...young, blobsThisEpoch: ROTATION_MAX_BLOBS }))).toBe(
      false,
    );
    expect(periodicRotationDue(facts({ ...young, blobsThisEpoch: ROTATION_MAX_BLOBS + 1 }))).toBe(
      true,
    );
  });

  it('believes a start up to a day of clock skew ahead, and treats one further ahead as due', () => {
    // A clock a few hours fast is an honest mistake; a start weeks ahead would put rotation off
    // for weeks, so it is not taken at its word.
    const ahead = (ms: number) => facts({ epochStartedAt: NOW + ms });
    expect(periodicRotationDue(ahead(ROTATION_CLOCK_SKEW_MS))).toBe(false);
    expect(periodicRotationDue(ahead(ROTATION_CLOCK_SKEW_MS + 1))).toBe(true);
    expect(periodicRotationDue(facts({ epochStartedAt: Date.parse('3000-01-01T00:00:00Z') }))).toBe(
      true,
    );
  });

  it('waits for the blob bound when the start is unknown or unreadable', () => {
    for (const epochStartedAt of [undefined, Number.NaN]) {
      expect(periodicRotationDue(facts({ epochStartedAt }))).toBe(false);
      expect(
        periodicRotationDue(facts({ epochStartedAt, blobsThisEpoch: ROTATION_MAX_BLOBS + 1 })),
      ).toBe(true);
    }
  });

  it('holds a device to one periodic rotation per gap, even when the epoch says it is overdue', () => {
    // A start dated long ago (a member's lie, or a real old epoch) and the blob bound both yield.
    const overdue = { epochStartedAt: 0, blobsThisEpoch: ROTATION_MAX_BLOBS * 10 };
    const after = (ms: number) => facts({ ...overdue, lastOwnPeriodicAt: NOW - ms });
    expect(periodicRotationDue(after(0))).toBe(false);
    expect(periodicRotationDue(after(ROTATION_MIN_GAP_MS - 1))).toBe(false);
    expect(periodicRotationDue(after(ROTATION_MIN_GAP_MS))).toBe(true);
  });

  it('waits when its own last rotation is dated ahead of its clock (the clock was set back)', () => {
    expect(periodicRotationDue(facts({ epochStartedAt: 0, lastOwnPeriodicAt: NOW + HOUR }))).toBe(
      false,
    );
  });
});
