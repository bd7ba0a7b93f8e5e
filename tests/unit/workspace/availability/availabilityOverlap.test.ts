import { describe, expect, it } from 'vitest';
import {
  addAvailabilityWindow,
  availabilityOverlap,
  listAvailability,
  pairAvailabilityOverlap,
  removeAvailabilityWindow,
  slotConflicts,
} from '$lib/workspace';
import { createPairDoc, expectError, expectOk, MENTEE, MENTOR } from '../support/pairDoc';

const MONDAY = new Date('2025-03-24T00:00:00Z');

describe('availabilityOverlap', () => {
  it('intersects two people’s weekly windows across their zones', () => {
    // Berlin (CET, +1) evenings 17:00–20:00; New York (EDT since 9 March, -4) 11:00–15:00.
    const overlap = availabilityOverlap({
      people: [
        {
          timeZone: 'Europe/Berlin',
          available: [{ weekday: 1, start: '17:00', end: '20:00' }],
          quiet: [],
        },
        {
          timeZone: 'America/New_York',
          available: [{ weekday: 1, start: '11:00', end: '15:00' }],
          quiet: [],
        },
      ],
      from: MONDAY,
    });
    // Berlin 17:00–20:00 = 16:00–19:00Z; New York 11:00–15:00 = 15:00–19:00Z.
    expect(overlap).toEqual([
      { start: '2025-03-24T16:00:00.000Z', end: '2025-03-24T19:00:00.000Z', minutes: 180 },
    ]);
  });

  it('follows the week when only one of them changes clocks', () => {
    const people = [
      {
        timeZone: 'Europe/Berlin',
        available: [{ weekday: 1, start: '17:00', end: '20:00' }],
        quiet: [],
      },
      {
        timeZone: 'America/New_York',
        available: [{ weekday: 1, start: '11:00', end: '15:00' }],
        quiet: [],
      },
    ];
    // A week later Berlin is on CEST (+2): 17:00–20:00 = 15:00–18:00Z.
    const overlap = availabilityOverlap({ people, from: new Date('2025-03-31T00:00:00Z') });
    expect(overlap).toEqual([
      { start: '2025-03-31T15:00:00.000Z', end: '2025-03-31T18:00:00.000Z', minutes: 180 },
    ]);
  });

  it('removes quiet hours, including windows that run past midnight', () => {
    const overlap = availabilityOverlap({
      people: [
        // No stated availability: any time outside quiet hours (22:00–07:00 every night).
        {
          timeZone: 'UTC',
          available: [],
          quiet: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
            weekday,
            start: '22:00',
            end: '07:00',
          })),
        },
        {
          timeZone: 'Asia/Kathmandu',
          available: [{ weekday: 2, start: '10:00', end: '14:00' }],
          quiet: [],
        },
      ],
      from: MONDAY,
    });
    // Kathmandu Tuesday 10:00–14:00 = 04:15–08:15Z; the other sleeps until 07:00Z.
    expect(overlap).toEqual([
      { start: '2025-03-25T07:00:00.000Z', end: '2025-03-25T08:15:00.000Z', minutes: 75 },
    ]);
  });

  it('is empty when nothing overlaps', () => {
    expect(
      availabilityOverlap({
        people: [
          { timeZone: 'UTC', available: [{ weekday: 3, start: '09:00', end: '10:00' }], quiet: [] },
          { timeZone: 'UTC', available: [{ weekday: 3, start: '10:00', end: '11:00' }], quiet: [] },
        ],
        from: MONDAY,
      }),
    ).toEqual([]);
  });
});

describe('availability in the doc', () => {
  it('keeps each person’s windows and computes the pair’s overlap', () => {
    const doc = createPairDoc();
    expectOk(
      addAvailabilityWindow(doc, {
        by: MENTOR,
        kind: 'available',
        weekday: 1,
        start: '08:00',
        end: '12:00',
      }),
    );
    const quiet = expectOk(
      addAvailabilityWindow(doc, {
        by: MENTEE,
        kind: 'quiet',
        weekday: 1,
        start: '13:00',
        end: '13:30',
      }),
    );
    expect(listAvailability(doc, MENTOR).available).toHaveLength(1);
    expect(listAvailability(doc, MENTEE).quiet).toHaveLength(1);
    // Berlin Monday 08:00–12:00 CET = 07:00–11:00Z; Kathmandu quiet 13:00–13:30 = 07:15–07:45Z.
    expect(pairAvailabilityOverlap(doc, { from: MONDAY, days: 1 })).toEqual([
      { start: '2025-03-24T07:00:00.000Z', end: '2025-03-24T07:15:00.000Z', minutes: 15 },
      { start: '2025-03-24T07:45:00.000Z', end: '2025-03-24T11:00:00.000Z', minutes: 195 },
    ]);
    expectError(removeAvailabilityWindow(doc, { by: MENTOR, windowId: quiet.id }), 'NOT_ALLOWED');
    expectOk(removeAvailabilityWindow(doc, { by: MENTEE, windowId: quiet.id }));
    expect(listAvailability(doc, MENTEE).quiet).toEqual([]);
  });

  it('validates windows', () => {
    const doc = createPairDoc();
    const base = {
      by: MENTOR,
      kind: 'available' as const,
      weekday: 1,
      start: '08:00',
      end: '09:00',
    };
    expectError(addAvailabilityWindow(doc, { ...base, weekday: 0 }), 'INVALID_VALUE', 'weekday');
    expectError(addAvailabilityWindow(doc, { ...base, weekday: 8 }), 'INVALID_VALUE', 'weekday');
    expectError(addAvailabilityWindow(doc, { ...base, start: '8:00' }), 'INVALID_TIME', 'start');
    expectError(addAvailabilityWindow(doc, { ...base, end: '25:00' }), 'INVALID_TIME', 'end');
    expectError(
      addAvailabilityWindow(doc, { ...base, kind: 'busy' as 'quiet' }),
      'INVALID_VALUE',
      'kind',
    );
    expectError(addAvailabilityWindow(doc, { ...base, by: 'stranger' }), 'UNKNOWN_PERSON', 'by');
    expectError(removeAvailabilityWindow(doc, { by: MENTOR, windowId: 'nope' }), 'NOT_FOUND');
  });

  it('warns when a slot falls in quiet hours or outside stated availability', () => {
    const doc = createPairDoc();
    expectOk(
      addAvailabilityWindow(doc, {
        by: MENTEE,
        kind: 'quiet',
        weekday: 1,
        start: '22:00',
        end: '07:00',
      }),
    );
    expectOk(
      addAvailabilityWindow(doc, {
        by: MENTOR,
        kind: 'available',
        weekday: 1,
        start: '17:00',
        end: '20:00',
      }),
    );
    // Monday 24 March 18:00 Berlin = 17:00Z = 22:45 in Kathmandu: quiet for the mentee.
    expect(
      slotConflicts(doc, { startsAt: new Date('2025-03-24T17:00:00Z'), durationMinutes: 60 }),
    ).toEqual([{ personId: MENTEE, quietHours: true, outsideAvailability: false }]);
    // 08:00Z = 09:00 Berlin (outside the mentor's evening) and 13:45 in Kathmandu.
    expect(
      slotConflicts(doc, { startsAt: new Date('2025-03-24T08:00:00Z'), durationMinutes: 60 }),
    ).toEqual([{ personId: MENTOR, quietHours: false, outsideAvailability: true }]);
    // 17:00–17:15 Berlin = 21:45–22:00 Kathmandu: just before the quiet hours.
    expect(
      slotConflicts(doc, { startsAt: new Date('2025-03-24T16:00:00Z'), durationMinutes: 15 }),
    ).toEqual([]);
  });
});
