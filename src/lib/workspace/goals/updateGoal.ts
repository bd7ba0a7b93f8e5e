import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { entityOf, readText } from '../model/readFields';
import { startCommand } from '../model/startCommand';
import { applyTextChange } from '../text/applyTextChange';
import { GOAL_TEXT_FIELDS, type GoalTextField } from './goal';
import { checkGoalFields, type GoalFieldsInput } from './goalFields';

/**
 * Change some fields of a goal. Only the given fields are written, texts as their smallest edit,
 * so the partner's concurrent change to another field, or another part of the same text, stays.
 *
 * @example
 *   updateGoal(doc, { by: 'p-mentor', goalId, status: 'active', current: 1 });
 */
export function updateGoal(
  doc: Y.Doc,
  input: CommandInput & GoalFieldsInput & { goalId: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const goal = entityOf(rootMap(doc, 'goals'), input.goalId);
  if (!goal) return fail('NOT_FOUND', 'goalId');
  const fields = checkGoalFields(input);
  if (!fields.ok) return fields;
  doc.transact(() => {
    if (fields.title !== undefined) goal.set('title', fields.title);
    for (const field of GOAL_TEXT_FIELDS) {
      const value = input[field];
      if (value !== undefined) applyTextChange(goalTextIn(goal, field), value);
    }
    for (const key of ['metric', 'target', 'current', 'targetDate', 'status'] as const) {
      if (input[key] !== undefined) goal.set(key, input[key]);
    }
    goal.set('updatedAt', start.at);
  });
  return { ok: true };
}

/**
 * The shared text of a goal's S, A or R, for a collaborative editor; `undefined` if no such goal.
 *
 * @example
 *   goalText(doc, goalId, 'specific')?.toString();
 */
export function goalText(doc: Y.Doc, goalId: string, field: GoalTextField): Y.Text | undefined {
  const goal = entityOf(rootMap(doc, 'goals'), goalId);
  return goal ? readText(goal, field) : undefined;
}

function goalTextIn(goal: Y.Map<unknown>, field: GoalTextField): Y.Text {
  const existing = readText(goal, field);
  if (existing) return existing;
  // Only a malformed goal lacks its text; replacing the field is then the only way to edit it.
  const text = new Y.Text();
  goal.set(field, text);
  return text;
}
