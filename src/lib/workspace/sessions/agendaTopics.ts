import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput, CreateInput } from '../model/commandInput';
import { entityOf, readString } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { orderKeyAt } from '../order/sortByOrder';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import { listAgendaTopics } from './readSession';

/**
 * Add a topic to a session's agenda, at `index` (default: last). Either person may add topics;
 * topics both add while apart all stay, in one order on both devices.
 *
 * @example
 *   addAgendaTopic(doc, { by: 'p-mentee', sessionId, text: 'Feedback on my draft' });
 */
export function addAgendaTopic(
  doc: Y.Doc,
  input: CreateInput & { sessionId: string; text: string; index?: number },
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  if (!entityOf(rootMap(doc, 'sessions'), input.sessionId)) return fail('NOT_FOUND', 'sessionId');
  const text = checkText(input.text, { field: 'text', max: TEXT_LIMITS.short, required: true });
  if (!text.ok) return text;
  const topics = rootMap(doc, 'agendaTopics');
  const id = resolveNewId(topics, input.id);
  if (!id.ok) return id;
  const siblings = listAgendaTopics(doc, input.sessionId);
  const order = orderKeyAt(siblings, input.index ?? siblings.length, id.id);
  doc.transact(() => {
    const topic = new Y.Map<unknown>();
    topics.set(id.id, topic);
    topic.set('sessionId', input.sessionId);
    topic.set('text', text.value.trim());
    topic.set('covered', false);
    topic.set('order', order);
    topic.set('addedBy', start.by);
    topic.set('addedAt', start.at);
  });
  return { ok: true, id: id.id };
}

/**
 * Reword a topic or mark it covered.
 *
 * @example
 *   updateAgendaTopic(doc, { by: 'p-mentor', topicId, covered: true });
 */
export function updateAgendaTopic(
  doc: Y.Doc,
  input: CommandInput & { topicId: string; text?: string; covered?: boolean },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const topic = entityOf(rootMap(doc, 'agendaTopics'), input.topicId);
  if (!topic) return fail('NOT_FOUND', 'topicId');
  const text =
    input.text === undefined
      ? undefined
      : checkText(input.text, { field: 'text', max: TEXT_LIMITS.short, required: true });
  if (text && !text.ok) return text;
  if (input.covered !== undefined && typeof input.covered !== 'boolean') {
    return fail('INVALID_VALUE', 'covered');
  }
  doc.transact(() => {
    if (text) topic.set('text', text.value.trim());
    if (input.covered !== undefined) topic.set('covered', input.covered);
  });
  return { ok: true };
}

/**
 * Move a topic to `toIndex` of its session's agenda (counted without it).
 *
 * @example
 *   moveAgendaTopic(doc, { by: 'p-mentee', topicId, toIndex: 0 });
 */
export function moveAgendaTopic(
  doc: Y.Doc,
  input: CommandInput & { topicId: string; toIndex: number },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const topic = entityOf(rootMap(doc, 'agendaTopics'), input.topicId);
  const sessionId = topic ? readString(topic, 'sessionId') : undefined;
  if (!topic || sessionId === undefined) return fail('NOT_FOUND', 'topicId');
  if (!Number.isInteger(input.toIndex) || input.toIndex < 0) return fail('OUT_OF_RANGE', 'toIndex');
  const others = listAgendaTopics(doc, sessionId).filter((item) => item.id !== input.topicId);
  const order = orderKeyAt(others, input.toIndex, input.topicId);
  doc.transact(() => topic.set('order', order));
  return { ok: true };
}

/**
 * Delete a topic from the agenda.
 *
 * @example
 *   removeAgendaTopic(doc, { by: 'p-mentee', topicId });
 */
export function removeAgendaTopic(
  doc: Y.Doc,
  input: CommandInput & { topicId: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const topics = rootMap(doc, 'agendaTopics');
  if (!entityOf(topics, input.topicId)) return fail('NOT_FOUND', 'topicId');
  doc.transact(() => topics.delete(input.topicId));
  return { ok: true };
}
