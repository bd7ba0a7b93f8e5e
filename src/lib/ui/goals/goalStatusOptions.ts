import { GOAL_STATUSES, type GoalStatus } from '$lib/workspace';

const LABELS: Record<GoalStatus, string> = {
  proposed: 'Proposed',
  active: 'Active',
  done: 'Done',
  dropped: 'Dropped',
};

/** The goal statuses as options for a picker, in the domain's order. */
export const GOAL_STATUS_OPTIONS = GOAL_STATUSES.map((status) => ({
  value: status,
  label: LABELS[status],
}));

/**
 * A status as people read it.
 *
 * @example
 *   goalStatusLabel('active'); // 'Active'
 */
export function goalStatusLabel(status: GoalStatus): string {
  return LABELS[status];
}
