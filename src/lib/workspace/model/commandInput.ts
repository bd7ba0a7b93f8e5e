import { fail, type WorkspaceResult } from '../errors';

/** What every command takes besides its own fields: who acts, and when (default: now). */
export interface CommandInput {
  /** The acting person's `personId`; must be one of the pair's people. */
  by: string;
  /** When the command happens; defaults to the current time. Tests pass a fixed instant. */
  at?: Date;
}

/** A command that creates an entity may be given its id (default: a random UUID). */
export interface CreateInput extends CommandInput {
  id?: string;
}

/**
 * The command's instant as a UTC ISO string, or `INVALID_INSTANT`.
 *
 * @example
 *   const at = resolveAt(input.at); if (!at.ok) return at;
 */
export function resolveAt(at: Date | undefined): WorkspaceResult<{ iso: string }> {
  const date = at ?? new Date();
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return fail('INVALID_INSTANT', 'at');
  return { ok: true, iso: date.toISOString() };
}
