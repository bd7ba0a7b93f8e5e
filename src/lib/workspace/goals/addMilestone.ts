import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CreateInput } from '../model/commandInput';
import { entityOf } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { orderKeyAt } from '../order/sortByOrder';
import { checkTitle } from '../text/checkText';
import { isCalendarDate } from '../time/calendarDate';
import { listMilestones } from './readGoal';

/**
 * Add a milestone to a goal, at `index` of its list (default: last).
 *
 * @example
 *   addMilestone(doc, { by: 'p-mentee', goalId, title: 'Submit the abstract', dueDate: '2025-02-01' });
 */
export function addMilestone(
  doc: Y.Doc,
  input: CreateInput & { goalId: string; title: string; dueDate?: string | null; index?: number },
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  if (!entityOf(rootMap(doc, 'goals'), input.goalId)) return fail('NOT_FOUND', 'goalId');
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  const dueDate = input.dueDate ?? null;
  if (dueDate !== null && !isCalendarDate(dueDate)) return fail('INVALID_DATE', 'dueDate');
  const milestones = rootMap(doc, 'milestones');
  const id = resolveNewId(milestones, input.id);
  if (!id.ok) return id;
  const siblings = listMilestones(doc, input.goalId);
  const order = orderKeyAt(siblings, input.index ?? siblings.length, id.id);
  doc.transact(() => {
    const milestone = new Y.Map<unknown>();
    milestones.set(id.id, milestone);
    milestone.set('goalId', input.goalId);
    milestone.set('title', title.value);
    milestone.set('done', false);
    milestone.set('dueDate', dueDate);
    milestone.set('order', order);
    milestone.set('createdAt', start.at);
    milestone.set('createdBy', start.by);
  });
  return { ok: true, id: id.id };
}
