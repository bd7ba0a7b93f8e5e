import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addAgendaTopic,
  exportSessionIcs,
  exportUpcomingIcs,
  rescheduleSession,
  scheduleSession,
  updateSession,
} from '$lib/workspace';
import { rootMap } from '$lib/workspace/docShape';
import { escapeIcsText, foldIcsLine, formatIcsUtc } from '$lib/workspace/export/icsText';
import {
  createPairDoc,
  expectError,
  expectOk,
  forkDoc,
  MENTEE,
  MENTOR,
  syncDocs,
} from '../support/pairDoc';
import { parseIcs, type ParsedEvent } from './parseIcs';

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
        'SEQUENCE:0',
        'DTSTAMP:20250301T100000Z',
        'LAST-MODIFIED:20250301T100000Z',
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
    expect(parseIcs(file.ics)).toEqual([
      {
        uid: 's1@trellis',
        sequence: 0,
        dtstamp: '2025-03-01T10:00:00Z',
        lastModified: '2025-03-01T10:00:00Z',
        start: '2025-03-10T17:00:00Z',
        end: '2025-03-10T18:00:00Z',
        status: 'CONFIRMED',
        summary: 'Kick-off; goals, plans',
        description:
          'Agenda:\n- Introductions\n- Field work in Jumla: what to expect from the monsoon, and how to plan around it',
      },
    ]);
  });

  it('marks a cancelled session and reports a missing one', () => {
    const doc = createPairDoc();
    expectOk(
      scheduleSession(doc, { by: MENTOR, id: 's1', at: AT, date: '2025-03-10', time: '18:00' }),
    );
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 's1', status: 'cancelled', at: AT }));
    const file = expectOk(exportSessionIcs(doc, 's1'));
    const [event] = parseIcs(file.ics);
    expect(event?.status).toBe('CANCELLED');
    expect(event?.summary).toBe('Mentoring session');
    expect(event?.sequence).toBe(1);
    expectError(exportSessionIcs(doc, 'nope'), 'NOT_FOUND');
  });

  it('exports all upcoming sessions, not past ones, cancelled ones as cancelled, with stable UIDs', () => {
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
    expect(upcoming.count).toBe(3);
    const events = parseIcs(upcoming.ics);
    expect(events.map((event) => [event.uid, event.status])).toEqual([
      ['next@trellis', 'CONFIRMED'],
      ['off@trellis', 'CANCELLED'],
      ['later@trellis', 'CONFIRMED'],
    ]);
    // 31 March is after Berlin's change to summer time: 18:00 CEST = 16:00Z.
    expect(events[2]?.start).toBe('2025-03-31T16:00:00Z');
    expect(exportUpcomingIcs(doc, now).ics).toBe(upcoming.ics);
  });
});

/** The one event of a session's own `.ics` file, as ical.js reads it. */
function sessionEvent(doc: Y.Doc, sessionId = 's1'): ParsedEvent {
  const [event, ...rest] = parseIcs(expectOk(exportSessionIcs(doc, sessionId)).ics);
  expect(rest).toHaveLength(0);
  if (!event) throw new Error('no VEVENT');
  return event;
}

function scheduled(): Y.Doc {
  const doc = createPairDoc();
  expectOk(
    scheduleSession(doc, { by: MENTOR, id: 's1', at: AT, date: '2025-03-10', time: '18:00' }),
  );
  return doc;
}

const later = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);

describe('calendar updates (SEQUENCE, DTSTAMP, LAST-MODIFIED)', () => {
  it('counts up on every move, length change and cancellation; a rename only restamps', () => {
    const doc = scheduled();
    const first = sessionEvent(doc);
    expect(first.sequence).toBe(0);
    const move = { by: MENTEE, sessionId: 's1', date: '2025-03-11', time: '07:30' };
    expectOk(rescheduleSession(doc, { ...move, at: later(10) }));
    const moved = sessionEvent(doc);
    expect(moved).toMatchObject({
      uid: first.uid,
      sequence: 1,
      start: '2025-03-11T01:45:00Z',
      dtstamp: '2025-03-01T10:10:00Z',
      lastModified: '2025-03-01T10:10:00Z',
    });
    // Moving to the time it already has changes nothing a calendar shows.
    expectOk(rescheduleSession(doc, { ...move, at: later(20) }));
    expect(sessionEvent(doc).sequence).toBe(1);
    expectOk(
      updateSession(doc, { by: MENTOR, sessionId: 's1', durationMinutes: 90, at: later(30) }),
    );
    expect(sessionEvent(doc)).toMatchObject({ sequence: 2, end: '2025-03-11T03:15:00Z' });
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 's1', title: 'Plan', at: later(40) }));
    expect(sessionEvent(doc)).toMatchObject({
      sequence: 2,
      summary: 'Plan',
      dtstamp: '2025-03-01T10:40:00Z',
    });
    expectOk(
      updateSession(doc, { by: MENTEE, sessionId: 's1', status: 'cancelled', at: later(50) }),
    );
    expect(sessionEvent(doc)).toMatchObject({ sequence: 3, status: 'CANCELLED' });
    expectOk(
      updateSession(doc, { by: MENTEE, sessionId: 's1', status: 'scheduled', at: later(60) }),
    );
    expect(sessionEvent(doc)).toMatchObject({ sequence: 4, status: 'CONFIRMED' });
  });

  it('after both move it while apart, the merged file is newer than either earlier one', () => {
    for (const [mentorBy, menteeBy] of [
      [MENTOR, MENTEE],
      // One person's two devices, too: no per-person counter to overwrite.
      [MENTOR, MENTOR],
    ] as const) {
      const base = scheduled();
      const laptop = forkDoc(base, 2);
      const phone = forkDoc(base, 3);
      expectOk(
        rescheduleSession(laptop, {
          by: mentorBy,
          sessionId: 's1',
          date: '2025-03-12',
          time: '18:00',
          timeZone: 'UTC',
          at: later(5),
        }),
      );
      expectOk(
        rescheduleSession(phone, {
          by: menteeBy,
          sessionId: 's1',
          date: '2025-03-13',
          time: '18:00',
          timeZone: 'UTC',
          at: later(3),
        }),
      );
      expectOk(updateSession(phone, { by: menteeBy, sessionId: 's1', title: 'x', at: later(4) }));
      const before = [sessionEvent(laptop), sessionEvent(phone)];
      syncDocs(laptop, phone);
      const merged = exportSessionIcs(laptop, 's1');
      expect(expectOk(exportSessionIcs(phone, 's1')).ics).toBe(expectOk(merged).ics);
      const after = sessionEvent(laptop);
      for (const earlier of before) {
        expect(after.sequence).toBeGreaterThan(earlier.sequence);
        expect(after.dtstamp >= earlier.dtstamp).toBe(true);
      }
      expect(['2025-03-12T18:00:00Z', '2025-03-13T18:00:00Z']).toContain(after.start);
    }
  });

  it('reads revision records the partner wrote defensively', () => {
    const doc = scheduled();
    const revisions = rootMap(doc, 'sessionRevisions');
    revisions.set('a', 'not a record');
    revisions.set('b', { sessionId: 7, at: '2025-03-02T10:00:00.000Z' });
    revisions.set('c', { sessionId: 's1', at: 'yesterday' });
    revisions.set('d', { sessionId: 's1', at: '2025-03-02T10:00:00.000Z' });
    // Two well-addressed records count, only a readable instant restamps.
    expect(sessionEvent(doc)).toMatchObject({ sequence: 2, dtstamp: '2025-03-02T10:00:00Z' });
  });

  it('escapes and folds long unicode titles and agendas so a parser reads them back', () => {
    const doc = createPairDoc();
    const title = `Feldforschung in Jumla; Über Monsun, Genehmigungen \\ Pläne — ${'नमस्ते 🌧️ '.repeat(8)}`;
    expectOk(
      scheduleSession(doc, {
        by: MENTOR,
        id: 's1',
        at: AT,
        date: '2025-03-10',
        time: '18:00',
        title,
      }),
    );
    const topic = 'Zeile eins\nZeile zwei; mit, Zeichen 🙂';
    expectOk(addAgendaTopic(doc, { by: MENTEE, id: 't1', at: AT, sessionId: 's1', text: topic }));
    const event = sessionEvent(doc);
    expect(event.summary).toBe(title.trim());
    expect(event.description).toBe(`Agenda:\n- ${topic}`);
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
