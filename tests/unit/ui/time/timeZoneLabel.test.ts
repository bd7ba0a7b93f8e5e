import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatUtcOffset, timeZoneCity, timeZoneLabel } from '$lib/ui/time/timeZoneLabel';
import { deviceTimeZone, timeZoneOptions } from '$lib/ui/time/timeZoneOptions';

const WINTER = new Date('2025-01-15T12:00:00Z');
const SUMMER = new Date('2025-07-15T12:00:00Z');
const LEGACY = ['Asia/Katmandu', 'Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'America/Godthab'];

describe('timeZoneLabel', () => {
  it('names the city with its offset at the given instant', () => {
    expect(timeZoneLabel('Asia/Kathmandu', WINTER)).toBe('Kathmandu (UTC+5:45)');
    expect(timeZoneLabel('America/New_York', WINTER)).toBe('New York (UTC\u22125)');
    expect(timeZoneLabel('America/New_York', SUMMER)).toBe('New York (UTC\u22124)');
    expect(timeZoneLabel('Europe/London', WINTER)).toBe('London (UTC+0)');
    expect(timeZoneLabel('UTC', WINTER)).toBe('UTC');
  });

  it('shows an old spelling by its current name', () => {
    expect(timeZoneLabel('Asia/Katmandu', WINTER)).toBe('Kathmandu (UTC+5:45)');
    expect(timeZoneLabel('Europe/Kiev', SUMMER)).toBe('Kyiv (UTC+3)');
    expect(timeZoneLabel('America/Buenos_Aires', WINTER)).toBe(
      'Buenos Aires, Argentina (UTC\u22123)',
    );
  });

  it('names the state or country between region and city', () => {
    expect(timeZoneCity('America/Indiana/Knox')).toBe('Knox, Indiana');
    expect(timeZoneCity('America/North_Dakota/New_Salem')).toBe('New Salem, North Dakota');
  });

  it('writes half and quarter hours and negative offsets', () => {
    expect(formatUtcOffset(330)).toBe('UTC+5:30');
    expect(formatUtcOffset(-210)).toBe('UTC\u22123:30');
    expect(formatUtcOffset(0)).toBe('UTC+0');
  });
});

describe('timeZoneOptions', () => {
  it('lists current IANA names only, each once, with distinct labels', () => {
    const options = timeZoneOptions('Asia/Katmandu', WINTER);
    const values = options.map((option) => option.value);
    for (const legacy of LEGACY) expect(values).not.toContain(legacy);
    for (const zone of ['Asia/Kathmandu', 'Asia/Kolkata', 'Europe/Kyiv', 'UTC']) {
      expect(values).toContain(zone);
    }
    expect(new Set(values).size).toBe(values.length);
    expect(new Set(options.map((option) => option.label)).size).toBe(options.length);
    expect(options.find((option) => option.value === 'Asia/Kathmandu')?.label).toBe(
      'Kathmandu (UTC+5:45)',
    );
  });

  it('is sorted by label, so a person finds a city by its first letters', () => {
    const labels = timeZoneOptions('UTC', WINTER).map((option) => option.label);
    expect(labels).toEqual([...labels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('deviceTimeZone', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the current name when the browser reports an old spelling', () => {
    const real = Intl.DateTimeFormat.prototype.resolvedOptions;
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (
      this: Intl.DateTimeFormat,
    ) {
      return { ...real.call(this), timeZone: 'Asia/Katmandu' };
    });
    expect(deviceTimeZone()).toBe('Asia/Kathmandu');
  });
});
