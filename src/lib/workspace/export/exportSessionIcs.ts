import type * as Y from 'yjs';
import { fail, type WorkspaceResult } from '../errors';
import { listSessions, readSession } from '../sessions/readSession';
import type { Session } from '../sessions/session';
import { escapeIcsText, formatIcsUtc, icsLines } from './icsText';

const PRODID = '-//Trellis//Trellis mentoring workspace//EN';

/**
 * One session as an `.ics` calendar file (RFC 5545): UTC start and end, a `UID` stable across
 * exports (so re-importing updates the entry), the title and agenda topics. The notes and
 * reflections stay out: a calendar is often synced to a third-party server.
 *
 * @example
 *   const file = exportSessionIcs(doc, sessionId);
 *   if (file.ok) download(file.fileName, file.ics);
 */
export function exportSessionIcs(
  doc: Y.Doc,
  sessionId: string,
): WorkspaceResult<{ ics: string; fileName: string }> {
  const session = readSession(doc, sessionId);
  if (!session) return fail('NOT_FOUND', 'sessionId');
  return {
    ok: true,
    ics: calendar([session]),
    fileName: `trellis-session-${fileDate(session)}.ics`,
  };
}

/**
 * Every session that has not ended (cancelled ones left out) as one `.ics` file.
 *
 * @example
 *   const { ics, count } = exportUpcomingIcs(doc, new Date());
 */
export function exportUpcomingIcs(
  doc: Y.Doc,
  now: Date,
): { ics: string; fileName: string; count: number } {
  const iso = now.toISOString();
  const upcoming = listSessions(doc).filter(
    (session) => session.status === 'scheduled' && session.endsAt > iso,
  );
  return {
    ics: calendar(upcoming),
    fileName: 'trellis-upcoming-sessions.ics',
    count: upcoming.length,
  };
}

function calendar(sessions: readonly Session[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const session of sessions) lines.push(...event(session));
  lines.push('END:VCALENDAR');
  return icsLines(lines);
}

function event(session: Session): string[] {
  // DTSTAMP from the session's own last change keeps the output deterministic.
  const stamp = new Date(session.updatedAt ?? session.createdAt ?? session.startsAt);
  const stampValue = Number.isNaN(stamp.getTime()) ? new Date(session.startsAt) : stamp;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(session.id)}@trellis`,
    `DTSTAMP:${formatIcsUtc(stampValue)}`,
    `DTSTART:${formatIcsUtc(new Date(session.startsAt))}`,
    `DTEND:${formatIcsUtc(new Date(session.endsAt))}`,
    `SUMMARY:${escapeIcsText(session.title || 'Mentoring session')}`,
  ];
  if (session.agenda.length > 0) {
    const agenda = session.agenda.map((topic) => `- ${topic.text}`).join('\n');
    lines.push(`DESCRIPTION:${escapeIcsText(`Agenda:\n${agenda}`)}`);
  }
  lines.push(`STATUS:${session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  return lines;
}

function fileDate(session: Session): string {
  return session.startsAt.slice(0, 10);
}
