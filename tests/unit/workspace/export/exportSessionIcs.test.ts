import { describe, expect, it } from 'vitest';
import {
  addAgendaTopic,
  exportSessionIcs,
  exportUpcomingIcs,
  scheduleSession,
  updateSession,
} from '$lib/workspace';
import { escapeIcsText, foldIcsLine, formatIcsUtc } from '$lib/workspace/export/icsText';
import { createPairDoc, expectError, expectOk, MENTEE, MENTOR } from '../support/pairDoc';

const AT = new Date('2025-03-01T10:00:00.000Z');

describe('exportSessionIcs', () => {
  it('writes the golden RFC 5545 file', () => {
    const doc = createPairDoc();
    expectOk(
      scheduleSession(doc, {
        by: MENTOR,
        id: 's1',
        at: AT,
        date: '2025-03-10',
        time: '18:00',
        title: 'Kick-off; goals, plans',
      }),
    );
    expectOk(
      addAgendaTopic(doc, { by: MENTEE, id: 't1', at: AT, sessionId: 's1', text: 'Introductions' }),
    );
    expectOk(
      addAgendaTopic(doc, {
        by: MENTEE,
        id: 't2',
        at: AT,
        sessionId: 's1',
        text: 'Field work in Jumla: what to expect from the monsoon, and how to plan around it',
      }),
    );
    const file = expectOk(exportSessionIcs(doc, 's1'));
    expect(file.fileName).toBe('trellis-session-2025-03-10.ics');
    expect(file.ics).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Trellis//Trellis mentoring workspace//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:s1@trellis',
        'DTSTAMP:20250301T100000Z',
        'DTSTART:20250310T170000Z',
        'DTEND:20250310T180000Z',
        'SUMMARY:Kick-off\\; goals\\, plans',
        'DESCRIPTION:Agenda:\\n- Introductions\\n- Field work in Jumla: what to expect',
        '  from the monsoon\\, and how to plan around it',
        'STATUS:CONFIRMED',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('marks a cancelled session and reports a missing one', () => {
    const doc = createPairDoc();
    expectOk(
      scheduleSession(doc, { by: MENTOR, id: 's1', at: AT, date: '2025-03-10', time: '18:00' }),
    );
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 's1', status: 'cancelled', at: AT }));
    const file = expectOk(exportSessionIcs(doc, 's1'));
    expect(file.ics).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(file.ics).toContain('\r\nSUMMARY:Mentoring session\r\n');
    expectError(exportSessionIcs(doc, 'nope'), 'NOT_FOUND');
  });

  it('exports all upcoming sessions, not past or cancelled ones, with stable UIDs', () => {
    const doc = createPairDoc();
    expectOk(
      scheduleSession(doc, { by: MENTOR, id: 'past', at: AT, date: '2025-03-03', time: '18:00' }),
    );
    expectOk(
      scheduleSession(doc, { by: MENTOR, id: 'next', at: AT, date: '2025-03-17', time: '18:00' }),
    );
    expectOk(
      scheduleSession(doc, { by: MENTOR, id: 'later', at: AT, date: '2025-03-31', time: '18:00' }),
    );
    expectOk(
      scheduleSession(doc, { by: MENTOR, id: 'off', at: AT, date: '2025-03-24', time: '18:00' }),
    );
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 'off', status: 'cancelled', at: AT }));
    const now = new Date('2025-03-10T00:00:00Z');
    const upcoming = exportUpcomingIcs(doc, now);
    expect(upcoming.count).toBe(2);
    expect(upcoming.ics.match(/^UID:[^\r]*/gm)).toEqual(['UID:next@trellis', 'UID:later@trellis']);
    // 31 March is after Berlin's change to summer time: 18:00 CEST = 16:00Z.
    expect(upcoming.ics).toContain('DTSTART:20250331T160000Z');
    expect(exportUpcomingIcs(doc, now).ics).toBe(upcoming.ics);
  });
});

describe('iCalendar text rules', () => {
  it('escapes TEXT values', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf\u0007g\th')).toBe('a\\\\b\\;c\\,d\\ne\\nfg\th');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const long = `DESCRIPTION:${'é'.repeat(40)}`; // 12 + 80 octets
    const folded = foldIcsLine(long);
    const lines = folded.split('\r\n');
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines[0]).toBe(`DESCRIPTION:${'é'.repeat(31)}`); // 74 octets: one more é would be 76
    expect(lines[1]?.startsWith(' ')).toBe(true);
    expect(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join('')).toBe(long);
    expect(foldIcsLine('SHORT:x')).toBe('SHORT:x');
    const exact = `X:${'a'.repeat(73)}`;
    expect(foldIcsLine(exact)).toBe(exact);
    expect(foldIcsLine(`${exact}b`)).toBe(`${exact}\r\n b`);
  });

  it('formats UTC date-times', () => {
    expect(formatIcsUtc(new Date('2025-03-10T17:05:09.123Z'))).toBe('20250310T170509Z');
  });
});
