import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  canonicalTimeZone,
  intlTimeZone,
  isValidTimeZone,
  listPeople,
  updatePerson,
  utcToLocal,
  zoneOrUtc,
} from '$lib/workspace';
import { createPairDoc, MENTEE } from '../support/pairDoc';

// The old spellings ICU (Node, Chromium) still reports and lists, and the names they became.
const RENAMED: Array<[string, string]> = [
  ['Asia/Katmandu', 'Asia/Kathmandu'],
  ['Asia/Calcutta', 'Asia/Kolkata'],
  ['Europe/Kiev', 'Europe/Kyiv'],
  ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
  ['Asia/Rangoon', 'Asia/Yangon'],
  ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ['Atlantic/Faeroe', 'Atlantic/Faroe'],
  ['Pacific/Truk', 'Pacific/Chuuk'],
  ['Asia/Dacca', 'Asia/Dhaka'],
  ['Asia/Thimbu', 'Asia/Thimphu'],
  ['Africa/Asmera', 'Africa/Asmara'],
  ['America/Godthab', 'America/Nuuk'],
  ['US/Pacific', 'America/Los_Angeles'],
  ['US/Eastern', 'America/New_York'],
  ['Etc/UTC', 'UTC'],
];

describe('canonicalTimeZone', () => {
  it.each(RENAMED)('maps %s to %s', (legacy, canonical) => {
    expect(canonicalTimeZone(legacy)).toBe(canonical);
    expect(zoneOrUtc(legacy)).toBe(canonical);
  });

  it('leaves current names, and names it does not know, as they are', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Europe/Vatican')).toBe('Europe/Vatican');
    expect(canonicalTimeZone('Mars/Olympus')).toBe('Mars/Olympus');
    expect(canonicalTimeZone('toString')).toBe('toString');
  });

  it('turns every zone the runtime lists into one the runtime can format, in one step', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const canonical = canonicalTimeZone(zone);
      expect(canonicalTimeZone(canonical), zone).toBe(canonical);
      expect(isValidTimeZone(canonical), zone).toBe(true);
    }
  });

  it('reads a zone an older client stored by its old spelling under the current name', () => {
    const doc = createPairDoc();
    const people = doc.getMap('people').get(MENTEE) as Y.Map<unknown>;
    people.set('timeZone', 'Asia/Katmandu');
    expect(listPeople(doc).find((person) => person.personId === MENTEE)?.timeZone).toBe(
      'Asia/Kathmandu',
    );
  });

  it('stores the current name when given an old one', () => {
    const doc = createPairDoc();
    expect(updatePerson(doc, { by: MENTEE, timeZone: 'Asia/Calcutta' })).toEqual({ ok: true });
    const people = doc.getMap('people').get(MENTEE) as Y.Map<unknown>;
    expect(people.get('timeZone')).toBe('Asia/Kolkata');
  });
});

describe('intlTimeZone on a runtime that knows only the old spelling', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('formats Europe/Kyiv with Europe/Kiev and still names it Europe/Kyiv', async () => {
    const RealFormat = Intl.DateTimeFormat;
    // An ICU older than tzdata 2022b: `Europe/Kyiv` is unknown, `Europe/Kiev` works.
    class OldIcuFormat extends RealFormat {
      constructor(locale?: string | string[], options?: Intl.DateTimeFormatOptions) {
        if (options?.timeZone === 'Europe/Kyiv') throw new RangeError('Invalid time zone');
        super(locale, options);
      }
    }
    vi.stubGlobal(
      'Intl',
      new Proxy(Intl, {
        get: (target, key) => (key === 'DateTimeFormat' ? OldIcuFormat : Reflect.get(target, key)),
      }),
    );
    vi.resetModules();
    const fresh = await import('$lib/workspace');
    expect(fresh.intlTimeZone('Europe/Kyiv')).toBe('Europe/Kiev');
    expect(fresh.isValidTimeZone('Europe/Kyiv')).toBe(true);
    expect(fresh.zoneOrUtc('Europe/Kiev')).toBe('Europe/Kyiv');
    const summer = fresh.utcToLocal(new Date('2025-07-01T09:00:00Z'), 'Europe/Kyiv');
    expect(summer).toMatchObject({ time: '12:00', offsetMinutes: 180, timeZone: 'Europe/Kyiv' });
    const pair = fresh.formatForPair({
      instant: new Date('2025-07-01T09:00:00Z'),
      viewerTimeZone: 'Europe/Kyiv',
      locale: 'en-GB',
    });
    expect(pair.viewer.label).toContain('12:00');
  });

  it('accepts the canonical name directly where the runtime knows it', () => {
    expect(intlTimeZone('Asia/Kathmandu')).toBeDefined();
    expect(intlTimeZone('Mars/Olympus')).toBeUndefined();
    expect(utcToLocal(new Date('2025-01-15T00:00:00Z'), 'Asia/Kathmandu').offsetMinutes).toBe(345);
  });
});
