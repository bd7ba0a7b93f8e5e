import { describe, expect, it } from 'vitest';
import {
  addCheckIn,
  checkInDue,
  checkInTrend,
  listCheckIns,
  updateAgreementTerms,
} from '$lib/workspace';
import { createPairDoc, expectError, expectOk, MENTEE, MENTOR } from '../support/pairDoc';

const day = (n: number) => new Date(Date.UTC(2025, 2, n, 9, 0));

describe('check-ins', () => {
  it('records a pulse from either person and lists it oldest first', () => {
    const doc = createPairDoc();
    expectOk(addCheckIn(doc, { by: MENTEE, id: 'c2', at: day(5), mood: 4, workload: 3 }));
    expectOk(
      addCheckIn(doc, {
        by: MENTEE,
        id: 'c1',
        at: day(1),
        mood: 3,
        workload: 2,
        blockers: '',
        note: 'Settling in',
      }),
    );
    expectOk(addCheckIn(doc, { by: MENTOR, id: 'c3', at: day(6), mood: 5, workload: 2 }));
    expect(listCheckIns(doc).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(listCheckIns(doc, { personId: MENTEE })[0]).toEqual({
      id: 'c1',
      personId: MENTEE,
      at: day(1).toISOString(),
      mood: 3,
      workload: 2,
      blockers: '',
      note: 'Settling in',
    });
  });

  it('takes scores from 1 to 5 only', () => {
    const doc = createPairDoc();
    expectError(addCheckIn(doc, { by: MENTEE, mood: 0, workload: 3 }), 'OUT_OF_RANGE', 'mood');
    expectError(addCheckIn(doc, { by: MENTEE, mood: 6, workload: 3 }), 'OUT_OF_RANGE', 'mood');
    expectError(
      addCheckIn(doc, { by: MENTEE, mood: 3, workload: 2.5 }),
      'OUT_OF_RANGE',
      'workload',
    );
    expectError(
      addCheckIn(doc, { by: MENTEE, mood: 3, workload: 3, note: 'x'.repeat(2001) }),
      'TEXT_TOO_LONG',
      'note',
    );
    expect(listCheckIns(doc)).toEqual([]);
  });

  it('shows a trend and flags when support is needed', () => {
    const doc = createPairDoc();
    expectOk(addCheckIn(doc, { by: MENTEE, at: day(1), mood: 4, workload: 2 }));
    expectOk(addCheckIn(doc, { by: MENTEE, at: day(8), mood: 4, workload: 3 }));
    let trend = checkInTrend(doc, { personId: MENTEE });
    expect(trend.needsSupport).toBe(false);
    expect(trend.points.map((p) => p.mood)).toEqual([4, 4]);
    expectOk(addCheckIn(doc, { by: MENTEE, at: day(15), mood: 2, workload: 4 }));
    trend = checkInTrend(doc, { personId: MENTEE });
    expect(trend).toMatchObject({ needsSupport: true, recentMood: 10 / 3, recentWorkload: 3 });
    expect(trend.latest?.mood).toBe(2);
    expect(checkInTrend(doc, { personId: MENTEE, since: day(10) }).points).toHaveLength(1);
    expectOk(
      addCheckIn(doc, { by: MENTEE, at: day(22), mood: 4, workload: 3, blockers: 'Lab access' }),
    );
    expect(checkInTrend(doc, { personId: MENTEE }).needsSupport).toBe(true);
    expectOk(addCheckIn(doc, { by: MENTEE, at: day(29), mood: 5, workload: 5 }));
    expect(checkInTrend(doc, { personId: MENTEE }).needsSupport).toBe(true);
    expectOk(addCheckIn(doc, { by: MENTEE, at: day(30), mood: 3, workload: 3 }));
    expect(checkInTrend(doc, { personId: MENTEE }).needsSupport).toBe(true); // a drop of 2
    expect(checkInTrend(doc, { personId: MENTOR })).toMatchObject({
      points: [],
      needsSupport: false,
      recentMood: undefined,
    });
  });

  it('is due one cadence after the last check-in, else after the term start', () => {
    const doc = createPairDoc(); // weekly check-ins, term from 2025-01-06
    expect(checkInDue(doc, { now: new Date('2025-01-14T00:00:00Z'), timeZone: 'UTC' })).toEqual({
      dueDate: '2025-01-13',
      overdue: true,
      basis: 'term-start',
    });
    expectOk(addCheckIn(doc, { by: MENTEE, at: day(3), mood: 3, workload: 3 }));
    expect(checkInDue(doc, { now: day(5), timeZone: 'Asia/Kathmandu' })).toEqual({
      dueDate: '2025-03-10',
      overdue: false,
      basis: 'last',
    });
    expectOk(updateAgreementTerms(doc, { by: MENTOR, checkInCadence: { every: 3, unit: 'day' } }));
    expect(checkInDue(doc, { now: day(7), timeZone: 'UTC' })).toMatchObject({
      dueDate: '2025-03-06',
      overdue: true,
    });
    expect(checkInDue(doc, { now: day(7), timeZone: 'UTC', personId: MENTOR })?.basis).toBe(
      'term-start',
    );
  });
});
