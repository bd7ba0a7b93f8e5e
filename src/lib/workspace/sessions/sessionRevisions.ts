import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { newId } from '../model/newId';
import { parseInstant } from '../time/parseInstant';

/*
 * Every change of a session's time, length or status leaves one record in `sessionRevisions`
 * under a fresh random key: `{ sessionId, by, at }`. A calendar file's SEQUENCE is the number of
 * a session's records. Records are never overwritten, so two people moving a session while apart
 * keep both: after the merge the count is greater than either one counted alone, and a calendar
 * that imported either earlier file takes the merged one as newer. (A counter field would merge
 * last-writer-wins and could go backwards.)
 */

/** What the calendar needs to know of a session's history. */
export interface SessionRevision {
  /** How many times its time, length or status changed: the iCalendar SEQUENCE. */
  sequence: number;
  /** The latest change's instant (UTC ISO), or `undefined` if it never changed. */
  lastChangedAt: string | undefined;
}

/**
 * Record that a session's time, length or status changed; call inside the command's transaction.
 *
 * @example
 *   doc.transact(() => { session.set('status', 'cancelled'); recordSessionRevision(doc, { sessionId, by, at }); });
 */
export function recordSessionRevision(
  doc: Y.Doc,
  input: { sessionId: string; by: string; at: string },
): void {
  rootMap(doc, 'sessionRevisions').set(newId(), {
    sessionId: input.sessionId,
    by: input.by,
    at: input.at,
  });
}

/**
 * Each session's revision count and latest change, by session id (sessions never changed are
 * absent: sequence 0).
 *
 * @example
 *   const sequence = listSessionRevisions(doc).get(sessionId)?.sequence ?? 0;
 */
export function listSessionRevisions(doc: Y.Doc): Map<string, SessionRevision> {
  const bySession = new Map<string, SessionRevision>();
  rootMap(doc, 'sessionRevisions').forEach((value) => {
    if (typeof value !== 'object' || value === null) return;
    const { sessionId, at } = value as Record<string, unknown>;
    if (typeof sessionId !== 'string') return;
    const instant = parseInstant(at)?.toISOString();
    const known = bySession.get(sessionId) ?? { sequence: 0, lastChangedAt: undefined };
    const later =
      instant !== undefined && (known.lastChangedAt === undefined || instant > known.lastChangedAt);
    bySession.set(sessionId, {
      sequence: known.sequence + 1,
      lastChangedAt: later ? instant : known.lastChangedAt,
    });
  });
  return bySession;
}
