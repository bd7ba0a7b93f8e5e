/**
 * Where a caret (or selection end) at `offset` in `before` belongs once the text became `after`
 * through someone else's edit. The edit is taken as one replaced span between the common prefix
 * and suffix (how a remote change usually looks): a caret before the span stays, one after it
 * moves by the change in length, one inside it goes to the end of the new span. Keeps the person's
 * place while their partner types in the same shared text.
 *
 * @example
 *   caretAfterChange({ before: 'abc', after: 'XXabc', offset: 2 }); // 4
 */
export function caretAfterChange(input: { before: string; after: string; offset: number }): number {
  const { before, after } = input;
  const offset = Math.max(0, Math.min(input.offset, before.length));
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (offset <= prefix) return offset;
  if (offset >= before.length - suffix) return offset + (after.length - before.length);
  return after.length - suffix;
}
