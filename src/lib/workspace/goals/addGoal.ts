import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CreateInput } from '../model/commandInput';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { GOAL_TEXT_FIELDS } from './goal';
import { checkGoalFields, type GoalFieldsInput } from './goalFields';

/**
 * Add a SMART goal (status `proposed` unless given). Its texts are Y.Texts and its scalar fields
 * separate keys, so later edits by both people merge field by field.
 *
 * @example
 *   addGoal(doc, { by: 'p-mentee', title: 'Present at a conference', metric: 'talks given',
 *     target: 1, targetDate: '2025-06-30' }); // { ok: true, id }
 */
export function addGoal(
  doc: Y.Doc,
  input: CreateInput & GoalFieldsInput & { title: string },
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const fields = checkGoalFields(input);
  if (!fields.ok) return fields;
  if (fields.title === undefined) return fail('TITLE_REQUIRED', 'title');
  const goals = rootMap(doc, 'goals');
  const id = resolveNewId(goals, input.id);
  if (!id.ok) return id;
  doc.transact(() => {
    const goal = new Y.Map<unknown>();
    goals.set(id.id, goal);
    goal.set('title', fields.title);
    for (const field of GOAL_TEXT_FIELDS) {
      const text = new Y.Text();
      goal.set(field, text);
      if (input[field]) text.insert(0, input[field]);
    }
    goal.set('metric', input.metric ?? '');
    goal.set('target', input.target ?? null);
    goal.set('current', input.current ?? null);
    goal.set('targetDate', input.targetDate ?? null);
    goal.set('status', input.status ?? 'proposed');
    goal.set('linkedSessions', new Y.Map<unknown>());
    goal.set('createdAt', start.at);
    goal.set('createdBy', start.by);
    goal.set('updatedAt', start.at);
  });
  return { ok: true, id: id.id };
}
