import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CreateInput } from '../model/commandInput';
import { compareStrings } from '../model/compareStrings';
import { entitiesOf, readString } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import { readSession } from './readSession';
import type { SessionReflection } from './session';

/**
 * Write (or rewrite) one's own reflection on a session that has started: what was useful, what
 * to try next. One per person and session; each writes only their own.
 *
 * @example
 *   setSessionReflection(doc, { by: 'p-mentee', sessionId, useful: 'The outline exercise',
 *     tryNext: 'Timebox the intro' });
 */
export function setSessionReflection(
  doc: Y.Doc,
  input: CreateInput & { sessionId: string; useful: string; tryNext: string },
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const session = readSession(doc, input.sessionId);
  if (!session) return fail('NOT_FOUND', 'sessionId');
  if (session.status === 'cancelled' || start.at < session.startsAt) {
    return fail('SESSION_NOT_HELD', 'sessionId');
  }
  const useful = checkText(input.useful, { field: 'useful', max: TEXT_LIMITS.short });
  if (!useful.ok) return useful;
  const tryNext = checkText(input.tryNext, { field: 'tryNext', max: TEXT_LIMITS.short });
  if (!tryNext.ok) return tryNext;
  const reflections = rootMap(doc, 'reflections');
  const existing = entitiesOf(reflections).find(
    ([, map]) =>
      readString(map, 'sessionId') === input.sessionId && readString(map, 'personId') === start.by,
  );
  let id: string;
  if (existing) {
    id = existing[0];
  } else {
    const fresh = resolveNewId(reflections, input.id);
    if (!fresh.ok) return fresh;
    id = fresh.id;
  }
  doc.transact(() => {
    let reflection = existing?.[1];
    if (!reflection) {
      reflection = new Y.Map<unknown>();
      reflections.set(id, reflection);
      reflection.set('sessionId', input.sessionId);
      reflection.set('personId', start.by);
    }
    reflection.set('useful', useful.value);
    reflection.set('tryNext', tryNext.value);
    reflection.set('writtenAt', start.at);
  });
  return { ok: true, id };
}

/**
 * Each person's reflection on a session. If one person wrote theirs on two devices while
 * offline, the latest written counts.
 *
 * @example
 *   listSessionReflections(doc, sessionId).find((r) => r.personId === viewerId);
 */
export function listSessionReflections(doc: Y.Doc, sessionId: string): SessionReflection[] {
  const latest = new Map<string, SessionReflection>();
  for (const [id, map] of entitiesOf(rootMap(doc, 'reflections'))) {
    const personId = readString(map, 'personId');
    if (readString(map, 'sessionId') !== sessionId || personId === undefined) continue;
    const reflection: SessionReflection = {
      id,
      sessionId,
      personId,
      useful: readString(map, 'useful') ?? '',
      tryNext: readString(map, 'tryNext') ?? '',
      writtenAt: readString(map, 'writtenAt'),
    };
    const other = latest.get(personId);
    if (!other || isLater(reflection, other)) latest.set(personId, reflection);
  }
  return [...latest.values()].sort((a, b) => compareStrings(a.personId, b.personId));
}

function isLater(a: SessionReflection, b: SessionReflection): boolean {
  return (compareStrings(a.writtenAt ?? '', b.writtenAt ?? '') || compareStrings(a.id, b.id)) > 0;
}
