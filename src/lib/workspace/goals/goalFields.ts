import { fail, type WorkspaceError } from '../errors';
import { checkText, checkTitle, TEXT_LIMITS } from '../text/checkText';
import { isCalendarDate } from '../time/calendarDate';
import { GOAL_STATUSES, GOAL_TEXT_FIELDS, type GoalStatus } from './goal';

/** The editable fields of a goal; `addGoal` needs `title`, `updateGoal` takes any subset. */
export interface GoalFieldsInput {
  title?: string;
  specific?: string;
  metric?: string;
  target?: number | null;
  current?: number | null;
  achievable?: string;
  relevant?: string;
  targetDate?: string | null;
  status?: GoalStatus;
}

const MAX_MEASURE = 1e12;

/**
 * Check the given goal fields; answers the first problem, or `undefined`. A title comes back
 * trimmed in `title`.
 *
 * @example
 *   const problem = checkGoalFields(input); if (problem) return problem;
 */
export function checkGoalFields(
  input: GoalFieldsInput,
): WorkspaceError | { ok: true; title: string | undefined } {
  let title: string | undefined;
  if (input.title !== undefined) {
    const checked = checkTitle(input.title);
    if (!checked.ok) return checked;
    title = checked.value;
  }
  for (const field of GOAL_TEXT_FIELDS) {
    if (input[field] === undefined) continue;
    const checked = checkText(input[field], { field, max: TEXT_LIMITS.short });
    if (!checked.ok) return checked;
  }
  if (input.metric !== undefined) {
    const checked = checkText(input.metric, { field: 'metric', max: TEXT_LIMITS.title });
    if (!checked.ok) return checked;
  }
  for (const field of ['target', 'current'] as const) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_MEASURE) {
      return fail('OUT_OF_RANGE', field);
    }
    if (field === 'target' && value <= 0) return fail('OUT_OF_RANGE', field);
  }
  if (input.targetDate !== undefined && input.targetDate !== null) {
    if (!isCalendarDate(input.targetDate)) return fail('INVALID_DATE', 'targetDate');
  }
  if (input.status !== undefined && !(GOAL_STATUSES as readonly string[]).includes(input.status)) {
    return fail('INVALID_VALUE', 'status');
  }
  return { ok: true, title };
}
