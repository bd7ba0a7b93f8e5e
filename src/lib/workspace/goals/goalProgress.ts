import type { GoalStatus, Milestone } from './goal';

/**
 * A goal's progress from 0 to 1: 1 when done; else the measure (`current / target`, when a
 * positive target and a current value are set); else the share of milestones done; else 0.
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
  if (goal.target !== null && goal.target > 0 && goal.current !== null) {
    return Math.min(1, Math.max(0, goal.current / goal.target));
  }
  if (goal.milestones.length > 0) {
    return goal.milestones.filter((milestone) => milestone.done).length / goal.milestones.length;
  }
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
