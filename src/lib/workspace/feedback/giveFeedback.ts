import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CreateInput } from '../model/commandInput';
import { compareStrings } from '../model/compareStrings';
import { entitiesOf, entityOf, readString } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { findPerson } from '../people/listPeople';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import type { Feedback } from './feedback';

/**
 * Give feedback to one's partner, in the form the pair's feedback rules suggest: what to keep,
 * what to change (at least one). Optionally about a session.
 *
 * @example
 *   giveFeedback(doc, { by: 'p-mentee', to: 'p-mentor', keep: 'Concrete examples',
 *     change: 'More time for my questions', sessionId });
 */
export function giveFeedback(
  doc: Y.Doc,
  input: CreateInput & { to: string; keep: string; change: string; sessionId?: string | null },
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  if (input.to === start.by || !findPerson(doc, input.to)) return fail('INVALID_RECIPIENT', 'to');
  const keep = checkText(input.keep, { field: 'keep', max: TEXT_LIMITS.short });
  if (!keep.ok) return keep;
  const change = checkText(input.change, { field: 'change', max: TEXT_LIMITS.short });
  if (!change.ok) return change;
  if (keep.value.trim() === '' && change.value.trim() === '') return fail('TEXT_REQUIRED', 'keep');
  if (input.sessionId && !entityOf(rootMap(doc, 'sessions'), input.sessionId)) {
    return fail('NOT_FOUND', 'sessionId');
  }
  const feedback = rootMap(doc, 'feedback');
  const id = resolveNewId(feedback, input.id);
  if (!id.ok) return id;
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    feedback.set(id.id, entry);
    entry.set('fromId', start.by);
    entry.set('toId', input.to);
    entry.set('keep', keep.value);
    entry.set('change', change.value);
    entry.set('sessionId', input.sessionId ?? null);
    entry.set('givenAt', start.at);
  });
  return { ok: true, id: id.id };
}

/**
 * All feedback, oldest first; `toId` keeps what one person received.
 *
 * @example
 *   listFeedback(doc, { toId: viewerId });
 */
export function listFeedback(doc: Y.Doc, filter: { toId?: string } = {}): Feedback[] {
  const entries: Feedback[] = [];
  for (const [id, map] of entitiesOf(rootMap(doc, 'feedback'))) {
    const fromId = readString(map, 'fromId');
    const toId = readString(map, 'toId');
    if (fromId === undefined || toId === undefined) continue;
    if (filter.toId !== undefined && toId !== filter.toId) continue;
    entries.push({
      id,
      fromId,
      toId,
      keep: readString(map, 'keep') ?? '',
      change: readString(map, 'change') ?? '',
      sessionId: readString(map, 'sessionId') ?? null,
      givenAt: readString(map, 'givenAt'),
    });
  }
  return entries.sort(
    (a, b) => compareStrings(a.givenAt ?? '', b.givenAt ?? '') || compareStrings(a.id, b.id),
  );
}
