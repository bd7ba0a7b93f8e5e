export const GOAL_STATUSES = ['proposed', 'active', 'done', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** The SMART texts of a goal, each a Y.Text that merges character by character. */
export const GOAL_TEXT_FIELDS = ['specific', 'achievable', 'relevant'] as const;
export type GoalTextField = (typeof GOAL_TEXT_FIELDS)[number];

export interface Milestone {
  id: string;
  goalId: string;
  title: string;
  done: boolean;
  /** `YYYY-MM-DD` or `null`. */
  dueDate: string | null;
  /** Fractional order key; `undefined` if the stored one is malformed. */
  order: string | undefined;
  createdAt: string | undefined;
  createdBy: string | undefined;
}

/** A SMART goal as the screens show it. */
export interface Goal {
  id: string;
  title: string;
  /** S: what exactly. */
  specific: string;
  /** M: what is measured … */
  metric: string;
  /** … the value that means done, and where it stands now (`null`: not set). */
  target: number | null;
  current: number | null;
  /** A: why it is within reach. */
  achievable: string;
  /** R: why it matters now. */
  relevant: string;
  /** T: `YYYY-MM-DD` or `null`. */
  targetDate: string | null;
  status: GoalStatus;
  createdAt: string | undefined;
  createdBy: string | undefined;
  updatedAt: string | undefined;
  linkedSessionIds: string[];
  /** In list order. */
  milestones: Milestone[];
  /** 0 … 1; see `goalProgress`. */
  progress: number;
}
