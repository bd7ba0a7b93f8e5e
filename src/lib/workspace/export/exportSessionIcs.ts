import type * as Y from 'yjs';
import { fail, type WorkspaceResult } from '../errors';
import { listSessions, readSession } from '../sessions/readSession';
import type { Session } from '../sessions/session';
import { listSessionRevisions, type SessionRevision } from '../sessions/sessionRevisions';
import { parseInstant } from '../time/parseInstant';
import { escapeIcsText, formatIcsUtc, icsLines } from './icsText';

const PRODID = '-//Trellis//Trellis mentoring workspace//EN';

/**
 * One session as an `.ics` calendar file (RFC 5545): UTC start and end, a `UID` stable across
 * exports, a `SEQUENCE` that counts the session's moves, length changes and cancellations (see
 * `sessionRevisions.ts`), and `DTSTAMP`/`LAST-MODIFIED` at its latest change, so re-importing a
 * later file updates the calendar's entry; both partners' files for the same doc are the same.
 * The title and agenda topics go in; the notes and reflections stay out: a calendar is often
 * synced to a third-party server.
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
    ics: calendar(doc, [session]),
    fileName: `trellis-session-${fileDate(session)}.ics`,
  };
}

/**
 * Every session that has not ended as one `.ics` file; a cancelled one comes as
 * `STATUS:CANCELLED`, so re-importing takes it out of a calendar that had it. `count` is the
 * number of sessions in the file.
 *
 * @example
 *   const { ics, count } = exportUpcomingIcs(doc, new Date());
 */
export function exportUpcomingIcs(
  doc: Y.Doc,
  now: Date,
): { ics: string; fileName: string; count: number } {
  const iso = now.toISOString();
  const upcoming = listSessions(doc).filter((session) => session.endsAt > iso);
  return {
    ics: calendar(doc, upcoming),
    fileName: 'trellis-upcoming-sessions.ics',
    count: upcoming.length,
  };
}

function calendar(doc: Y.Doc, sessions: readonly Session[]): string {
  const revisions = listSessionRevisions(doc);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const session of sessions) lines.push(...event(session, revisions.get(session.id)));
  lines.push('END:VCALENDAR');
  return icsLines(lines);
}

function event(session: Session, revision: SessionRevision | undefined): string[] {
  const stamp = formatIcsUtc(lastChange(session, revision));
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(session.id)}@trellis`,
    `SEQUENCE:${revision?.sequence ?? 0}`,
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${stamp}`,
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

/**
 * The session's latest change, from the doc rather than the clock, so the output is
 * deterministic: the later of its `updatedAt` (any edit, a rename too) and its latest revision.
 * Taking the later one keeps it from going back when a concurrent edit's `updatedAt` wins.
 */
function lastChange(session: Session, revision: SessionRevision | undefined): Date {
  const candidates = [session.updatedAt, session.createdAt, revision?.lastChangedAt]
    .map((iso) => parseInstant(iso))
    .filter((date) => date !== undefined);
  const latest = Math.max(...candidates.map((date) => date.getTime()));
  return Number.isFinite(latest) ? new Date(latest) : new Date(session.startsAt);
}

function fileDate(session: Session): string {
  return session.startsAt.slice(0, 10);
}
