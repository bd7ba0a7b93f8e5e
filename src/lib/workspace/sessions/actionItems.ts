import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceError, type WorkspaceResult } from '../errors';
import type { CommandInput, CreateInput } from '../model/commandInput';
import { compareStrings } from '../model/compareStrings';
import { entitiesOf, entityOf, readString } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { findPerson } from '../people/listPeople';
import { checkTitle } from '../text/checkText';
import { isCalendarDate } from '../time/calendarDate';
import type { ActionItem } from './session';

/**
 * Add an action item with an owner (either person) and an optional due date, from a session
 * and/or towards a goal.
 *
 * @example
 *   addActionItem(doc, { by: 'p-mentor', title: 'Send the reading list', ownerId: 'p-mentor',
 *     dueDate: '2025-03-14', sessionId });
 */
export function addActionItem(
  doc: Y.Doc,
  input: CreateInput & {
    title: string;
    ownerId: string;
    dueDate?: string | null;
    sessionId?: string | null;
    goalId?: string | null;
  },
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  const problem = checkReferences(doc, input);
  if (problem) return problem;
  const items = rootMap(doc, 'actionItems');
  const id = resolveNewId(items, input.id);
  if (!id.ok) return id;
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    items.set(id.id, item);
    item.set('title', title.value);
    item.set('ownerId', input.ownerId);
    item.set('dueDate', input.dueDate ?? null);
    item.set('done', false);
    item.set('sessionId', input.sessionId ?? null);
    item.set('goalId', input.goalId ?? null);
    item.set('createdBy', start.by);
    item.set('createdAt', start.at);
  });
  return { ok: true, id: id.id };
}

/**
 * Change an action item: title, owner, due date, or tick it off (which records when).
 *
 * @example
 *   updateActionItem(doc, { by: 'p-mentee', actionItemId, done: true });
 */
export function updateActionItem(
  doc: Y.Doc,
  input: CommandInput & {
    actionItemId: string;
    title?: string;
    ownerId?: string;
    dueDate?: string | null;
    done?: boolean;
  },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const item = entityOf(rootMap(doc, 'actionItems'), input.actionItemId);
  if (!item) return fail('NOT_FOUND', 'actionItemId');
  const title = input.title === undefined ? undefined : checkTitle(input.title);
  if (title && !title.ok) return title;
  const problem = checkReferences(doc, input);
  if (problem) return problem;
  if (input.done !== undefined && typeof input.done !== 'boolean')
    return fail('INVALID_VALUE', 'done');
  doc.transact(() => {
    if (title) item.set('title', title.value);
    if (input.ownerId !== undefined) item.set('ownerId', input.ownerId);
    if (input.dueDate !== undefined) item.set('dueDate', input.dueDate);
    if (input.done !== undefined) {
      item.set('done', input.done);
      item.set('doneAt', input.done ? start.at : null);
    }
  });
  return { ok: true };
}

/**
 * Delete an action item.
 *
 * @example
 *   removeActionItem(doc, { by: 'p-mentor', actionItemId });
 */
export function removeActionItem(
  doc: Y.Doc,
  input: CommandInput & { actionItemId: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const items = rootMap(doc, 'actionItems');
  if (!entityOf(items, input.actionItemId)) return fail('NOT_FOUND', 'actionItemId');
  doc.transact(() => items.delete(input.actionItemId));
  return { ok: true };
}

/**
 * Action items, soonest due first (undated last), then by creation. `open: true` leaves out
 * the done ones; `sessionId` keeps one session's.
 *
 * @example
 *   listActionItems(doc, { open: true });
 */
export function listActionItems(
  doc: Y.Doc,
  filter: { open?: boolean; sessionId?: string } = {},
): ActionItem[] {
  const items: ActionItem[] = [];
  for (const [id, map] of entitiesOf(rootMap(doc, 'actionItems'))) {
    const dueDate = readString(map, 'dueDate');
    const item: ActionItem = {
      id,
      title: readString(map, 'title') ?? '',
      ownerId: readString(map, 'ownerId') ?? '',
      dueDate: isCalendarDate(dueDate) ? dueDate : null,
      done: map.get('done') === true,
      doneAt: readString(map, 'doneAt'),
      sessionId: readString(map, 'sessionId') ?? null,
      goalId: readString(map, 'goalId') ?? null,
      createdBy: readString(map, 'createdBy'),
      createdAt: readString(map, 'createdAt'),
    };
    if (filter.open === true && item.done) continue;
    if (filter.sessionId !== undefined && item.sessionId !== filter.sessionId) continue;
    items.push(item);
  }
  return items.sort(
    (a, b) =>
      compareStrings(a.dueDate ?? '\uffff', b.dueDate ?? '\uffff') ||
      compareStrings(a.createdAt ?? '', b.createdAt ?? '') ||
      compareStrings(a.id, b.id),
  );
}

function checkReferences(
  doc: Y.Doc,
  input: {
    ownerId?: string;
    dueDate?: string | null;
    sessionId?: string | null;
    goalId?: string | null;
  },
): WorkspaceError | undefined {
  if (input.ownerId !== undefined && !findPerson(doc, input.ownerId)) {
    return fail('UNKNOWN_PERSON', 'ownerId');
  }
  if (input.dueDate !== undefined && input.dueDate !== null && !isCalendarDate(input.dueDate)) {
    return fail('INVALID_DATE', 'dueDate');
  }
  if (input.sessionId && !entityOf(rootMap(doc, 'sessions'), input.sessionId)) {
    return fail('NOT_FOUND', 'sessionId');
  }
  if (input.goalId && !entityOf(rootMap(doc, 'goals'), input.goalId)) {
    return fail('NOT_FOUND', 'goalId');
  }
  return undefined;
}
