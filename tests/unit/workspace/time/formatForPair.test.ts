import { describe, expect, it } from 'vitest';
import { formatForPair, isCalendarDate, isValidTimeZone, zoneOrUtc } from '$lib/workspace';

describe('formatForPair', () => {
  it("shows the viewer's time with the partner's local time beside it", () => {
    const time = formatForPair({
      instant: new Date('2025-07-01T07:00:00Z'),
      viewerTimeZone: 'Europe/Berlin',
      partnerTimeZone: 'Asia/Kathmandu',
      locale: 'en-GB',
    });
    expect(time.viewer).toMatchObject({ date: '2025-07-01', time: '09:00', offsetMinutes: 120 });
    expect(time.viewer.label).toContain('09:00');
    expect(time.viewer.label).toContain('2025');
    expect(time.partner).toMatchObject({ date: '2025-07-01', time: '12:45', dayOffset: 0 });
    expect(time.partner?.label).toContain('12:45');
  });

  it("says when the partner's day is another one", () => {
    const evening = formatForPair({
      instant: new Date('2025-01-15T22:00:00Z'),
      viewerTimeZone: 'America/New_York',
      partnerTimeZone: 'Australia/Sydney',
      locale: 'en-GB',
    });
    expect(evening.viewer).toMatchObject({ date: '2025-01-15', time: '17:00' });
    expect(evening.partner).toMatchObject({ date: '2025-01-16', time: '09:00', dayOffset: 1 });
    const back = formatForPair({
      instant: new Date('2025-01-15T22:00:00Z'),
      viewerTimeZone: 'Australia/Sydney',
      partnerTimeZone: 'America/New_York',
    });
    expect(back.partner?.dayOffset).toBe(-1);
  });

  it('leaves the partner out when not given, and falls back to UTC for an unknown zone', () => {
    const time = formatForPair({
      instant: new Date('2025-01-15T22:00:00Z'),
      viewerTimeZone: 'Nowhere/Land',
    });
    expect(time.partner).toBeUndefined();
    expect(time.viewer).toMatchObject({ timeZone: 'UTC', time: '22:00' });
  });
});

describe('zone and date checks', () => {
  it('knows IANA zones and real dates', () => {
    expect(isValidTimeZone('Asia/Kathmandu')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
    expect(zoneOrUtc('Mars/Olympus')).toBe('UTC');
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-04-31')).toBe(false);
    expect(isCalendarDate('0999-01-01')).toBe(false);
  });
});
