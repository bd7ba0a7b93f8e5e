import * as Y from 'yjs';
import { readAgreementTerms } from '../agreement/agreementTerms';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput, CreateInput } from '../model/commandInput';
import { entityOf } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { findPerson } from '../people/listPeople';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import { canonicalTimeZone } from '../time/canonicalTimeZone';
import { localToUtc, type LocalTimeResolution } from '../time/localToUtc';
import { SESSION_MINUTES } from './session';
import { recordSessionRevision } from './sessionRevisions';

export interface SessionTimeInput {
  /** `YYYY-MM-DD` on the author's calendar. */
  date: string;
  /** `HH:MM` on the author's clock. */
  time: string;
  /** Default: the author's zone. */
  timeZone?: string;
  /** Default: the agreement's meeting length. */
  durationMinutes?: number;
}

type Scheduled = WorkspaceResult<{ id: string; startsAt: string; resolution: LocalTimeResolution }>;

/**
 * Schedule a session at a wall-clock time in the author's zone; it is stored as a UTC instant
 * with that zone. `resolution` tells the UI when the time fell in a daylight-saving gap (moved
 * forward) or overlap (earlier one taken), to show the person what was stored.
 *
 * @example
 *   scheduleSession(doc, { by: 'p-mentor', date: '2025-03-10', time: '18:00', title: 'Kick-off' });
 *   // { ok: true, id, startsAt: '2025-03-10T17:00:00.000Z', resolution: 'exact' }
 */
export function scheduleSession(
  doc: Y.Doc,
  input: CreateInput & SessionTimeInput & { title?: string },
): Scheduled {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const time = resolveSessionTime(doc, start.by, input);
  if (!time.ok) return time;
  const title = checkText(input.title ?? '', { field: 'title', max: TEXT_LIMITS.title });
  if (!title.ok) return title;
  const sessions = rootMap(doc, 'sessions');
  const id = resolveNewId(sessions, input.id);
  if (!id.ok) return id;
  doc.transact(() => {
    const session = new Y.Map<unknown>();
    sessions.set(id.id, session);
    session.set('title', title.value.trim());
    session.set('startsAt', time.startsAt);
    session.set('durationMinutes', time.durationMinutes);
    session.set('timeZone', time.timeZone);
    session.set('status', 'scheduled');
    session.set('notes', new Y.Text());
    session.set('createdBy', start.by);
    session.set('createdAt', start.at);
    session.set('updatedAt', start.at);
  });
  return { ok: true, id: id.id, startsAt: time.startsAt, resolution: time.resolution };
}

/**
 * Move a session to another wall-clock time (and optionally change its length). A move that
 * changes the stored time records a revision, so calendar files of it count up (SEQUENCE).
 *
 * @example
 *   rescheduleSession(doc, { by: 'p-mentee', sessionId, date: '2025-03-11', time: '07:30',
 *     timeZone: 'Asia/Kathmandu' });
 */
export function rescheduleSession(
  doc: Y.Doc,
  input: CommandInput & SessionTimeInput & { sessionId: string },
): Scheduled {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const session = entityOf(rootMap(doc, 'sessions'), input.sessionId);
  if (!session) return fail('NOT_FOUND', 'sessionId');
  const time = resolveSessionTime(doc, start.by, input);
  if (!time.ok) return time;
  const moved =
    session.get('startsAt') !== time.startsAt ||
    (input.durationMinutes !== undefined &&
      session.get('durationMinutes') !== time.durationMinutes);
  doc.transact(() => {
    // `startsAt` is absolute: mixed with a concurrent reschedule's zone, it is still one of
    // the two chosen instants; the zone only says where it was chosen.
    session.set('startsAt', time.startsAt);
    session.set('timeZone', time.timeZone);
    if (input.durationMinutes !== undefined) session.set('durationMinutes', time.durationMinutes);
    session.set('updatedAt', start.at);
    if (moved)
      recordSessionRevision(doc, { sessionId: input.sessionId, by: start.by, at: start.at });
  });
  return { ok: true, id: input.sessionId, startsAt: time.startsAt, resolution: time.resolution };
}

function resolveSessionTime(
  doc: Y.Doc,
  by: string,
  input: SessionTimeInput,
): WorkspaceResult<{
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  resolution: LocalTimeResolution;
}> {
  const timeZone = canonicalTimeZone(input.timeZone ?? findPerson(doc, by)?.timeZone ?? 'UTC');
  const utc = localToUtc({ date: input.date, time: input.time, timeZone });
  if (!utc.ok) return utc;
  const durationMinutes = input.durationMinutes ?? readAgreementTerms(doc).meetingMinutes;
  if (!isSessionLength(durationMinutes)) return fail('INVALID_DURATION', 'durationMinutes');
  return { ok: true, startsAt: utc.instant, timeZone, durationMinutes, resolution: utc.resolution };
}

/** Whether `minutes` is an allowed session length. */
export function isSessionLength(minutes: unknown): minutes is number {
  return (
    typeof minutes === 'number' &&
    Number.isInteger(minutes) &&
    minutes >= SESSION_MINUTES.min &&
    minutes <= SESSION_MINUTES.max
  );
}
