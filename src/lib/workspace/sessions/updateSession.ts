import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { entityOf, readEnum } from '../model/readFields';
import { startCommand } from '../model/startCommand';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import { isSessionLength } from './scheduleSession';
import { SESSION_STATUSES, type SessionStatus } from './session';
import { recordSessionRevision } from './sessionRevisions';

/**
 * Rename a session, change its length, or cancel (or restore) it. Cancelled sessions stay in
 * the record with their notes.
 *
 * @example
 *   updateSession(doc, { by: 'p-mentee', sessionId, status: 'cancelled' });
 */
export function updateSession(
  doc: Y.Doc,
  input: CommandInput & {
    sessionId: string;
    title?: string;
    durationMinutes?: number;
    status?: SessionStatus;
  },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const session = entityOf(rootMap(doc, 'sessions'), input.sessionId);
  if (!session) return fail('NOT_FOUND', 'sessionId');
  const title =
    input.title === undefined
      ? undefined
      : checkText(input.title, { field: 'title', max: TEXT_LIMITS.title });
  if (title && !title.ok) return title;
  if (input.durationMinutes !== undefined && !isSessionLength(input.durationMinutes)) {
    return fail('INVALID_DURATION', 'durationMinutes');
  }
  if (
    input.status !== undefined &&
    !(SESSION_STATUSES as readonly string[]).includes(input.status)
  ) {
    return fail('INVALID_VALUE', 'status');
  }
  // What a calendar shows as a new version of the event (its SEQUENCE counts these).
  const revised =
    (input.durationMinutes !== undefined &&
      session.get('durationMinutes') !== input.durationMinutes) ||
    (input.status !== undefined &&
      (readEnum(session, 'status', SESSION_STATUSES) ?? 'scheduled') !== input.status);
  doc.transact(() => {
    if (title) session.set('title', title.value.trim());
    if (input.durationMinutes !== undefined) session.set('durationMinutes', input.durationMinutes);
    if (input.status !== undefined) session.set('status', input.status);
    session.set('updatedAt', start.at);
    if (revised)
      recordSessionRevision(doc, { sessionId: input.sessionId, by: start.by, at: start.at });
  });
  return { ok: true };
}
