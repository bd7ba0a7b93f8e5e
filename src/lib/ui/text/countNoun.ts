/**
 * A count with its noun in the right number, for English sentences: `1 session`, `3 sessions`,
 * `0 sessions`. Irregular plurals are passed in (`countNoun(2, 'person', 'people')`).
 *
 * @example
 *   `After ${countNoun(1, 'session')}.`; // 'After 1 session.'
 */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
