import { describe, expect, it } from 'vitest';
import { addCadence, parseCadence, utcToLocal } from '$lib/workspace';

describe('parseCadence', () => {
  it('accepts whole steps of a known unit within a year', () => {
    expect(parseCadence({ every: 2, unit: 'week' })).toEqual({ every: 2, unit: 'week' });
    expect(parseCadence({ every: 12, unit: 'month' })).toEqual({ every: 12, unit: 'month' });
    expect(parseCadence({ every: 366, unit: 'day' })).toEqual({ every: 366, unit: 'day' });
  });

  it('rejects anything else', () => {
    for (const value of [
      { every: 0, unit: 'week' },
      { every: 1.5, unit: 'week' },
      { every: 54, unit: 'week' },
      { every: 13, unit: 'month' },
      { every: 1, unit: 'fortnight' },
      { every: '1', unit: 'week' },
      null,
      'weekly',
    ]) {
      expect(parseCadence(value)).toBeUndefined();
    }
  });
});

describe('addCadence', () => {
  it('keeps the local time across a daylight-saving change (Berlin, weekly)', () => {
    // Monday 24 March 2025, 18:00 CET; Berlin moves to CEST on 30 March.
    const next = addCadence({
      instant: new Date('2025-03-24T17:00:00Z'),
      cadence: { every: 1, unit: 'week' },
      timeZone: 'Europe/Berlin',
    });
    expect(next.toISOString()).toBe('2025-03-31T16:00:00.000Z');
    expect(utcToLocal(next, 'Europe/Berlin')).toMatchObject({ date: '2025-03-31', time: '18:00' });
  });

  it('keeps the local time in New York across the autumn change (fortnightly)', () => {
    const next = addCadence({
      instant: new Date('2025-10-27T13:00:00Z'), // 09:00 EDT
      cadence: { every: 2, unit: 'week' },
      timeZone: 'America/New_York',
    });
    expect(next.toISOString()).toBe('2025-11-10T14:00:00.000Z'); // 09:00 EST
  });

  it('clamps monthly steps to the end of a shorter month', () => {
    const next = addCadence({
      instant: new Date('2025-01-31T08:00:00Z'),
      cadence: { every: 1, unit: 'month' },
      timeZone: 'UTC',
    });
    expect(next.toISOString()).toBe('2025-02-28T08:00:00.000Z');
    const leap = addCadence({
      instant: new Date('2024-01-31T08:00:00Z'),
      cadence: { every: 1, unit: 'month' },
      timeZone: 'UTC',
    });
    expect(leap.toISOString()).toBe('2024-02-29T08:00:00.000Z');
  });

  it('steps on the local calendar, not the UTC one (Kathmandu, daily)', () => {
    // 00:30 local on 1 March is still 28 February in UTC.
    const next = addCadence({
      instant: new Date('2025-02-28T18:45:00Z'),
      cadence: { every: 1, unit: 'day' },
      timeZone: 'Asia/Kathmandu',
      times: 3,
    });
    expect(utcToLocal(next, 'Asia/Kathmandu')).toMatchObject({ date: '2025-03-04', time: '00:30' });
  });

  it('moves a time that lands in a skipped hour forward (Sydney)', () => {
    const next = addCadence({
      instant: new Date('2025-09-27T16:30:00Z'), // Sunday 28 Sep, 02:30 AEST
      cadence: { every: 1, unit: 'week' },
      timeZone: 'Australia/Sydney',
    });
    // 5 October 02:30 does not exist; 03:30 AEDT.
    expect(next.toISOString()).toBe('2025-10-04T16:30:00.000Z');
  });
});
