import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { entityOf, readString } from '../model/readFields';
import { startCommand } from '../model/startCommand';
import { orderKeyAt } from '../order/sortByOrder';
import { checkTitle } from '../text/checkText';
import { isCalendarDate } from '../time/calendarDate';
import { listMilestones } from './readGoal';

/**
 * Rename a milestone, tick it off, or change its due date.
 *
 * @example
 *   updateMilestone(doc, { by: 'p-mentee', milestoneId, done: true });
 */
export function updateMilestone(
  doc: Y.Doc,
  input: CommandInput & {
    milestoneId: string;
    title?: string;
    done?: boolean;
    dueDate?: string | null;
  },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const milestone = entityOf(rootMap(doc, 'milestones'), input.milestoneId);
  if (!milestone) return fail('NOT_FOUND', 'milestoneId');
  const title = input.title === undefined ? undefined : checkTitle(input.title);
  if (title && !title.ok) return title;
  if (input.done !== undefined && typeof input.done !== 'boolean')
    return fail('INVALID_VALUE', 'done');
  const dueDate = input.dueDate;
  if (dueDate !== undefined && dueDate !== null && !isCalendarDate(dueDate)) {
    return fail('INVALID_DATE', 'dueDate');
  }
  doc.transact(() => {
    if (title) milestone.set('title', title.value);
    if (input.done !== undefined) milestone.set('done', input.done);
    if (dueDate !== undefined) milestone.set('dueDate', dueDate);
  });
  return { ok: true };
}

/**
 * Move a milestone to `toIndex` of its goal's list (counted without it). One field write, so a
 * concurrent move by the partner cannot duplicate it: the later move wins.
 *
 * @example
 *   moveMilestone(doc, { by: 'p-mentor', milestoneId, toIndex: 0 });
 */
export function moveMilestone(
  doc: Y.Doc,
  input: CommandInput & { milestoneId: string; toIndex: number },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const milestone = entityOf(rootMap(doc, 'milestones'), input.milestoneId);
  const goalId = milestone ? readString(milestone, 'goalId') : undefined;
  if (!milestone || goalId === undefined) return fail('NOT_FOUND', 'milestoneId');
  if (!Number.isInteger(input.toIndex) || input.toIndex < 0) return fail('OUT_OF_RANGE', 'toIndex');
  const others = listMilestones(doc, goalId).filter((item) => item.id !== input.milestoneId);
  const order = orderKeyAt(others, input.toIndex, input.milestoneId);
  doc.transact(() => milestone.set('order', order));
  return { ok: true };
}

/**
 * Delete a milestone.
 *
 * @example
 *   removeMilestone(doc, { by: 'p-mentee', milestoneId });
 */
export function removeMilestone(
  doc: Y.Doc,
  input: CommandInput & { milestoneId: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const milestones = rootMap(doc, 'milestones');
  if (!entityOf(milestones, input.milestoneId)) return fail('NOT_FOUND', 'milestoneId');
  doc.transact(() => milestones.delete(input.milestoneId));
  return { ok: true };
}
