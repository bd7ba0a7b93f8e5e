import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localToUtc, utcToLocal } from '$lib/workspace';

function toUtc(date: string, time: string, timeZone: string) {
  const result = localToUtc({ date, time, timeZone });
  if (!result.ok) throw new Error(result.code);
  return result;
}

describe('localToUtc', () => {
  it('converts ordinary times with the offset in force on that date', () => {
    expect(toUtc('2025-01-15', '09:00', 'Europe/Berlin').instant).toBe('2025-01-15T08:00:00.000Z');
    expect(toUtc('2025-07-15', '09:00', 'Europe/Berlin').instant).toBe('2025-07-15T07:00:00.000Z');
    expect(toUtc('2025-01-15', '09:00', 'America/New_York').instant).toBe(
      '2025-01-15T14:00:00.000Z',
    );
    expect(toUtc('2025-07-15', '09:00', 'America/New_York').instant).toBe(
      '2025-07-15T13:00:00.000Z',
    );
    expect(toUtc('2025-01-15', '09:00', 'Australia/Sydney').instant).toBe(
      '2025-01-14T22:00:00.000Z',
    );
    expect(toUtc('2025-07-15', '09:00', 'Australia/Sydney').instant).toBe(
      '2025-07-14T23:00:00.000Z',
    );
  });

  it('handles a quarter-hour zone without daylight saving (Kathmandu, +05:45)', () => {
    const january = toUtc('2025-01-15', '09:00', 'Asia/Kathmandu');
    const july = toUtc('2025-07-15', '09:00', 'Asia/Kathmandu');
    expect(january).toEqual({ ok: true, instant: '2025-01-15T03:15:00.000Z', resolution: 'exact' });
    expect(july.instant).toBe('2025-07-15T03:15:00.000Z');
  });

  it('handles zones without daylight saving (Tokyo, UTC)', () => {
    expect(toUtc('2025-03-30', '02:30', 'Asia/Tokyo').instant).toBe('2025-03-29T17:30:00.000Z');
    expect(toUtc('2025-03-30', '02:30', 'UTC')).toEqual({
      ok: true,
      instant: '2025-03-30T02:30:00.000Z',
      resolution: 'exact',
    });
  });

  describe('the skipped hour (clocks jump forward) moves the time forward by the gap', () => {
    it('Berlin, 30 March 2025: 02:30 does not exist and becomes 03:30 CEST', () => {
      const result = toUtc('2025-03-30', '02:30', 'Europe/Berlin');
      expect(result).toEqual({
        ok: true,
        instant: '2025-03-30T01:30:00.000Z',
        resolution: 'skipped',
      });
      expect(utcToLocal(new Date(result.instant), 'Europe/Berlin').time).toBe('03:30');
    });

    it('New York, 9 March 2025: 02:30 becomes 03:30 EDT', () => {
      const result = toUtc('2025-03-09', '02:30', 'America/New_York');
      expect(result).toEqual({
        ok: true,
        instant: '2025-03-09T07:30:00.000Z',
        resolution: 'skipped',
      });
    });

    it('Sydney, 5 October 2025: 02:30 becomes 03:30 AEDT', () => {
      const result = toUtc('2025-10-05', '02:30', 'Australia/Sydney');
      expect(result).toEqual({
        ok: true,
        instant: '2025-10-04T16:30:00.000Z',
        resolution: 'skipped',
      });
    });

    it('the edges of the gap: 01:59 exists, 03:00 exists', () => {
      expect(toUtc('2025-03-30', '01:59', 'Europe/Berlin')).toMatchObject({
        instant: '2025-03-30T00:59:00.000Z',
        resolution: 'exact',
      });
      expect(toUtc('2025-03-30', '03:00', 'Europe/Berlin')).toMatchObject({
        instant: '2025-03-30T01:00:00.000Z',
        resolution: 'exact',
      });
      expect(toUtc('2025-03-30', '02:00', 'Europe/Berlin').resolution).toBe('skipped');
    });
  });

  describe('the repeated hour (clocks fall back) takes the earlier occurrence', () => {
    it('Berlin, 26 October 2025: 02:30 happens twice; the CEST one is chosen', () => {
      const result = toUtc('2025-10-26', '02:30', 'Europe/Berlin');
      expect(result).toEqual({
        ok: true,
        instant: '2025-10-26T00:30:00.000Z',
        resolution: 'repeated',
      });
      // The later occurrence, an hour on, shows the same wall time.
      expect(utcToLocal(new Date('2025-10-26T01:30:00Z'), 'Europe/Berlin').time).toBe('02:30');
    });

    it('New York, 2 November 2025: 01:30 EDT, not EST', () => {
      expect(toUtc('2025-11-02', '01:30', 'America/New_York')).toMatchObject({
        instant: '2025-11-02T05:30:00.000Z',
        resolution: 'repeated',
      });
    });

    it('Sydney, 6 April 2025: 02:30 AEDT, not AEST', () => {
      expect(toUtc('2025-04-06', '02:30', 'Australia/Sydney')).toMatchObject({
        instant: '2025-04-05T15:30:00.000Z',
        resolution: 'repeated',
      });
    });

    it('Lord Howe Island shifts by 30 minutes: 01:45 is repeated', () => {
      expect(toUtc('2025-04-06', '01:45', 'Australia/Lord_Howe')).toMatchObject({
        instant: '2025-04-05T14:45:00.000Z',
        resolution: 'repeated',
      });
    });
  });

  it('rejects impossible dates, times and zones', () => {
    expect(localToUtc({ date: '2025-02-29', time: '09:00', timeZone: 'UTC' })).toEqual({
      ok: false,
      code: 'INVALID_DATE',
      field: 'date',
    });
    expect(localToUtc({ date: '2025-13-01', time: '09:00', timeZone: 'UTC' }).ok).toBe(false);
    expect(localToUtc({ date: '25-01-01', time: '09:00', timeZone: 'UTC' }).ok).toBe(false);
    expect(localToUtc({ date: '2025-01-01', time: '24:00', timeZone: 'UTC' })).toMatchObject({
      code: 'INVALID_TIME',
    });
    expect(localToUtc({ date: '2025-01-01', time: '9:00', timeZone: 'UTC' })).toMatchObject({
      code: 'INVALID_TIME',
    });
    expect(
      localToUtc({ date: '2025-01-01', time: '09:00', timeZone: 'Mars/Olympus' }),
    ).toMatchObject({ code: 'INVALID_TIME_ZONE' });
    expect(localToUtc({ date: '2024-02-29', time: '23:59', timeZone: 'UTC' }).ok).toBe(true);
  });
});

describe('utcToLocal', () => {
  it('gives the wall clock, weekday and offset', () => {
    expect(utcToLocal(new Date('2025-07-01T07:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2025-07-01',
      time: '09:00',
      weekday: 2,
      offsetMinutes: 120,
      timeZone: 'Europe/Berlin',
    });
    expect(utcToLocal(new Date('2025-01-05T20:30:00Z'), 'Asia/Kathmandu')).toMatchObject({
      date: '2025-01-06',
      time: '02:15',
      weekday: 1,
      offsetMinutes: 345,
    });
    expect(utcToLocal(new Date('2025-01-01T00:00:00Z'), 'UTC').time).toBe('00:00');
  });
});

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
];
// Minute-aligned instants from 2000 to 2037.
const instants = fc
  .integer({ min: 946_684_800_000 / 60_000, max: 2_114_380_800_000 / 60_000 })
  .map((minutes) => new Date(minutes * 60_000));

describe('round trips (seeded properties)', () => {
  it('UTC → local → UTC gives the instant back, except the later copy of a repeated hour', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, timeZone) => {
        const local = utcToLocal(instant, timeZone);
        const back = localToUtc({ date: local.date, time: local.time, timeZone });
        if (!back.ok) return false;
        // A wall time read off a real instant always exists: never in a gap.
        if (back.resolution === 'skipped') return false;
        if (back.resolution === 'exact') return back.instant === instant.toISOString();
        const earlier = new Date(back.instant);
        const again = utcToLocal(earlier, timeZone);
        return earlier <= instant && again.date === local.date && again.time === local.time;
      }),
      { seed: 20250106, numRuns: 2000 },
    );
  });

  it('local → UTC → local gives the wall time back unless it was skipped', () => {
    const dates = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2037-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10));
    const times = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(dates, times, fc.constantFrom(...ZONES), (date, time, timeZone) => {
        const utc = localToUtc({ date, time, timeZone });
        if (!utc.ok) return false;
        const local = utcToLocal(new Date(utc.instant), timeZone);
        if (utc.resolution === 'skipped') return local.date >= date && local.time !== time;
        return local.date === date && local.time === time;
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
