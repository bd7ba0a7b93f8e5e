/**
 * Every expected failure of a workspace command, as one union: the UI maps each code to a
 * message (and `field`, when present, to the form field to highlight). Broken invariants are
 * not in here: they throw.
 */
export type WorkspaceErrorCode =
  /** The workspace was closed; it stays readable and exportable but takes no more edits. */
  | 'WORKSPACE_CLOSED'
  /** The doc has no schema yet: wait for the partner's first sync, or create the workspace. */
  | 'NOT_INITIALISED'
  /** `createWorkspace` on a doc that already holds a workspace. */
  | 'ALREADY_INITIALISED'
  /** The doc was written by a newer Trellis: editing it here could corrupt it. */
  | 'NEWER_SCHEMA'
  | 'TITLE_REQUIRED'
  | 'TEXT_REQUIRED'
  | 'TEXT_TOO_LONG'
  /** Not a real calendar date in `YYYY-MM-DD` form. */
  | 'INVALID_DATE'
  /** Not a wall-clock time in `HH:MM` (24-hour) form. */
  | 'INVALID_TIME'
  /** Not a valid instant (`Date` or ISO 8601 UTC string). */
  | 'INVALID_INSTANT'
  /** Not an IANA time zone this runtime knows. */
  | 'INVALID_TIME_ZONE'
  | 'INVALID_DURATION'
  | 'INVALID_CADENCE'
  /** An end before its start (term, availability window). */
  | 'INVALID_RANGE'
  /** A number outside its allowed range (check-in scores, progress values, counts). */
  | 'OUT_OF_RANGE'
  /** A value outside its closed set (status, role, channel, section key, weekday). */
  | 'INVALID_VALUE'
  | 'UNKNOWN_PERSON'
  /** The pair already has a mentor and a mentee, or the role is taken. */
  | 'PAIR_FULL'
  | 'ROLE_TAKEN'
  /** A person may change only their own profile, availability, reflections and answers. */
  | 'NOT_ALLOWED'
  | 'INVALID_RECIPIENT'
  | 'NOT_FOUND'
  | 'DUPLICATE_ID'
  /** A reflection on a session that has not started yet. */
  | 'SESSION_NOT_HELD'
  | 'INVALID_SIGNATURE_RECORD'
  /** The device was removed from the pair: it stays removed and may not register again. */
  | 'DEVICE_REMOVED'
  /** A rotation to this epoch is already recorded: the first writer of an epoch wins. */
  /** The invite was revoked by the person who made it. */
  | 'INVITE_REVOKED'
  /** The invite was already used (by someone else, when joining). */
  | 'INVITE_USED'
  /** The invite's time ran out before it was used. */
  | 'INVITE_EXPIRED';

/** A failed command: `field` names the input field at fault, when there is one. */
export interface WorkspaceError {
  ok: false;
  code: WorkspaceErrorCode;
  field?: string;
}

/** A command's outcome: `{ ok: true, ...value }` or a {@link WorkspaceError}. */
export type WorkspaceResult<T extends object = object> = ({ ok: true } & T) | WorkspaceError;

/**
 * Build a failed result.
 *
 * @example
 *   if (!title.trim()) return fail('TITLE_REQUIRED', 'title');
 */
export function fail(code: WorkspaceErrorCode, field?: string): WorkspaceError {
  return field === undefined ? { ok: false, code } : { ok: false, code, field };
}
