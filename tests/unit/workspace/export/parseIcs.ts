import ICAL from 'ical.js';
import { expect } from 'vitest';

/** One VEVENT as a real RFC 5545 parser (ical.js) reads it. */
export interface ParsedEvent {
  uid: string;
  sequence: number;
  dtstamp: string;
  lastModified: string;
  start: string;
  end: string;
  status: string;
  summary: string;
  description: string | undefined;
}

const PROPERTIES_ONCE = ['uid', 'sequence', 'dtstamp', 'last-modified', 'dtstart', 'dtend'];

/**
 * Parse a generated `.ics` file with ical.js, asserting what the parser is lenient about: CRLF
 * line ends, physical lines of at most 75 octets, one VCALENDAR with VERSION 2.0 and PRODID, and
 * each required VEVENT property exactly once with UTC times.
 */
export function parseIcs(ics: string): ParsedEvent[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  const encoder = new TextEncoder();
  for (const line of ics.slice(0, -2).split('\r\n')) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
  }
  const calendar = new ICAL.Component(ICAL.parse(ics));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  return calendar.getAllSubcomponents('vevent').map((event) => {
    for (const name of PROPERTIES_ONCE) expect(event.getAllProperties(name)).toHaveLength(1);
    const time = (name: string) => {
      const value = event.getFirstPropertyValue(name);
      if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
      expect(value.zone?.tzid).toBe('UTC');
      return value.toString();
    };
    const description = event.getFirstPropertyValue('description');
    return {
      uid: String(event.getFirstPropertyValue('uid')),
      sequence: Number(event.getFirstPropertyValue('sequence')),
      dtstamp: time('dtstamp'),
      lastModified: time('last-modified'),
      start: time('dtstart'),
      end: time('dtend'),
      status: String(event.getFirstPropertyValue('status')),
      summary: String(event.getFirstPropertyValue('summary')),
      description: typeof description === 'string' ? description : undefined,
    };
  });
}
