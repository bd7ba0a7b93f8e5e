import type * as Y from 'yjs';
import { readAgreementTerms } from '../agreement/agreementTerms';
import { dueAfter, type Due } from '../schedule/due';
import { listSessions } from './readSession';
import type { Session } from './session';

/**
 * The next session that has not ended (one in progress counts), or `undefined`.
 *
 * @example
 *   nextSession(doc, new Date())?.startsAt;
 */
export function nextSession(doc: Y.Doc, now: Date): Session | undefined {
  const iso = now.toISOString();
  return listSessions(doc).find(
    (session) => session.status === 'scheduled' && session.endsAt > iso,
  );
}

/**
 * Sessions that have started (not cancelled), oldest first: the ones that were held.
 *
 * @example
 *   heldSessions(doc, now).length;
 */
export function heldSessions(doc: Y.Doc, now: Date): Session[] {
  const iso = now.toISOString();
  return listSessions(doc).filter(
    (session) => session.status === 'scheduled' && session.startsAt <= iso,
  );
}

/**
 * When the next session is due by the agreed cadence: one cadence after the last held session
 * (or the term's start). Overdue from the day after, with no session scheduled.
 *
 * @example
 *   sessionDue(doc, { now, timeZone: viewer.timeZone }); // { dueDate, overdue, basis, scheduled }
 */
export function sessionDue(
  doc: Y.Doc,
  input: { now: Date; timeZone: string },
): (Due & { scheduled: boolean }) | undefined {
  const terms = readAgreementTerms(doc);
  const last = heldSessions(doc, input.now).at(-1);
  const due = dueAfter({
    last: last ? new Date(last.startsAt) : undefined,
    termStart: terms.termStart,
    cadence: terms.meetingCadence,
    timeZone: input.timeZone,
    now: input.now,
  });
  if (!due) return undefined;
  const scheduled = nextSession(doc, input.now) !== undefined;
  return { ...due, overdue: due.overdue && !scheduled, scheduled };
}
