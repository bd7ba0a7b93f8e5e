import type { WorkspaceError } from '$lib/workspace';
import { describeWorkspaceError } from './describeWorkspaceError';

/**
 * The sentence to show beside `field` when the last command failed because of it.
 *
 * @example
 *   fieldMessage({ ok: false, code: 'TITLE_REQUIRED', field: 'title' }, 'title'); // 'Enter a title.'
 */
export function fieldMessage(
  error: WorkspaceError | null | undefined,
  field: string,
): string | undefined {
  if (!error || error.field !== field) return undefined;
  return describeWorkspaceError(error.code, error.field);
}

/**
 * The sentence to show above a form whose fields are `fields`, for a failure not tied to any of
 * them (the workspace closed, the partner removed the item, …). A failure on a field is shown
 * beside that field instead.
 *
 * @example
 *   formMessage({ ok: false, code: 'WORKSPACE_CLOSED' }, ['title']); // 'This workspace is closed: …'
 */
export function formMessage(
  error: WorkspaceError | null | undefined,
  fields: readonly string[],
): string | undefined {
  if (!error) return undefined;
  if (error.field !== undefined && fields.includes(error.field)) return undefined;
  return describeWorkspaceError(error.code, error.field);
}
