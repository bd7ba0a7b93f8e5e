/** Scores run from 1 to 5. Mood: 1 struggling … 5 great. Workload: 1 light … 5 overwhelming. */
export const SCORE = { min: 1, max: 5 } as const;

/** A quick pulse from one person, so a partner far away sees when support is needed. */
export interface CheckIn {
  id: string;
  personId: string;
  /** UTC ISO instant. */
  at: string;
  mood: number;
  workload: number;
  blockers: string;
  note: string;
}

/** Whether `value` is a whole score from 1 to 5. */
export function isScore(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= SCORE.min && value <= SCORE.max
  );
}
