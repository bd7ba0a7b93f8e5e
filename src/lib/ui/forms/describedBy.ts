/**
 * The `aria-describedby` of a field: its hint and its error, by the ids the field gives them
 * (`<id>-hint`, `<id>-error`), or `undefined` when it has neither.
 *
 * @example
 *   describedBy('goal-title', { hint: 'Short', error: undefined }); // 'goal-title-hint'
 */
export function describedBy(
  id: string,
  parts: { hint?: string; error?: string },
): string | undefined {
  const ids = [parts.hint ? `${id}-hint` : '', parts.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
