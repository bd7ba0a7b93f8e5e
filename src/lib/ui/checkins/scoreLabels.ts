/** What each score means, so the numbers are never the only thing a person reads. */
export const MOOD_LABELS = ['Struggling', 'Low', 'Okay', 'Good', 'Great'] as const;
export const WORKLOAD_LABELS = ['Light', 'Manageable', 'Full', 'Heavy', 'Overwhelming'] as const;

/**
 * The label of a 1–5 score.
 *
 * @example
 *   scoreLabel(MOOD_LABELS, 4); // 'Good'
 */
export function scoreLabel(labels: readonly string[], score: number): string {
  return labels[score - 1] ?? String(score);
}
