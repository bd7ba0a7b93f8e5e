import type { GoalStatus, Milestone } from './goal';

/**
 * The two things a goal's progress can be read from, kept apart: the measure and the milestones
 * are different facts, and folding them into one number hides one of them (ticking a milestone
 * of a measured goal would move nothing). The UI shows each that is set.
 */
export interface GoalProgressParts {
  /** `current / target` from 0 to 1; `null` without a positive target and a current value. */
  measure: number | null;
  /** Milestones ticked off of all; `null` when the goal has none. */
  milestones: { done: number; total: number } | null;
}

/**
 * @example
 *   goalProgressParts({ target: 4, current: 1, milestones: [{ done: true }, { done: false }] });
 *   // { measure: 0.25, milestones: { done: 1, total: 2 } }
 */
export function goalProgressParts(goal: {
  target: number | null;
  current: number | null;
  milestones: readonly Pick<Milestone, 'done'>[];
}): GoalProgressParts {
  const { target, current } = goal;
  const total = goal.milestones.length;
  return {
    measure:
      target !== null && target > 0 && current !== null
        ? Math.min(1, Math.max(0, current / target))
        : null,
    milestones:
      total > 0
        ? { done: goal.milestones.filter((milestone) => milestone.done).length, total }
        : null,
  };
}

/**
 * A goal's headline progress from 0 to 1, for one-number summaries (the record, the export): 1
 * when done; else the measure; else the share of milestones done; else 0. Screens that show a
 * goal show `goalProgressParts` instead, so the two sources cannot contradict each other.
 *
 * @example
 *   goalProgress({ status: 'active', target: 4, current: 1, milestones: [] }); // 0.25
 */
export function goalProgress(goal: {
  status: GoalStatus;
  target: number | null;
  current: number | null;
  milestones: readonly Pick<Milestone, 'done'>[];
}): number {
  if (goal.status === 'done') return 1;
  const parts = goalProgressParts(goal);
  if (parts.measure !== null) return parts.measure;
  if (parts.milestones) return parts.milestones.done / parts.milestones.total;
  return 0;
}

/**
 * Whether a goal is past its target date while still open (`proposed` or `active`). `today` is
 * the viewer's local date, `YYYY-MM-DD`.
 *
 * @example
 *   isGoalOverdue({ status: 'active', targetDate: '2024-05-01' }, '2024-05-02'); // true
 */
export function isGoalOverdue(
  goal: { status: GoalStatus; targetDate: string | null },
  today: string,
): boolean {
  const open = goal.status === 'proposed' || goal.status === 'active';
  return open && goal.targetDate !== null && goal.targetDate < today;
}
