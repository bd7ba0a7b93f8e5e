import { fail, type WorkspaceResult } from '../errors';

/**
 * Length limits, in UTF-16 code units. They keep one field from bloating a doc that every device
 * stores and syncs, and bound what a hostile partner can make the UI render.
 */
export const TEXT_LIMITS = { title: 200, short: 2_000, long: 100_000 } as const;

/**
 * A required title: trimmed, not empty, at most {@link TEXT_LIMITS.title}.
 *
 * @example
 *   const title = checkTitle(input.title); if (!title.ok) return title; // title.value
 */
export function checkTitle(value: unknown, field = 'title'): WorkspaceResult<{ value: string }> {
  if (typeof value !== 'string' || value.trim() === '') return fail('TITLE_REQUIRED', field);
  const trimmed = value.trim();
  if (trimmed.length > TEXT_LIMITS.title) return fail('TEXT_TOO_LONG', field);
  return { ok: true, value: trimmed };
}

/**
 * A free text, kept as typed (no trimming: a text edit must not move the partner's cursor);
 * `required` rejects a blank one.
 *
 * @example
 *   const note = checkText(input.note, { field: 'note', max: TEXT_LIMITS.short });
 */
export function checkText(
  value: unknown,
  options: { field: string; max: number; required?: boolean },
): WorkspaceResult<{ value: string }> {
  if (typeof value !== 'string') return fail('TEXT_REQUIRED', options.field);
  if (options.required === true && value.trim() === '') return fail('TEXT_REQUIRED', options.field);
  if (value.length > options.max) return fail('TEXT_TOO_LONG', options.field);
  return { ok: true, value };
}
