import {
  SCORE,
  SESSION_MINUTES,
  TERM_LIMITS,
  TEXT_LIMITS,
  type WorkspaceErrorCode,
} from '$lib/workspace';

/**
 * One plain sentence for a failed workspace command, to show next to the field at fault (or above
 * the form when `field` is absent). Every code of the domain's union has a sentence: the switch is
 * exhaustive, so a new code fails the type check until it gets one.
 *
 * @example
 *   describeWorkspaceError('TITLE_REQUIRED', 'name'); // 'Enter your name.'
 *   describeWorkspaceError('INVALID_RANGE', 'termEnd'); // 'The end date must come after the start date.'
 */
export function describeWorkspaceError(code: WorkspaceErrorCode, field?: string): string {
  switch (code) {
    case 'WORKSPACE_CLOSED':
      return 'This workspace is closed: it stays readable and exportable, but nothing can be changed.';
    case 'NOT_INITIALISED':
      return 'This workspace has not arrived on this device yet. It appears after the first sync with your partner.';
    case 'ALREADY_INITIALISED':
      return 'This workspace already exists.';
    case 'NEWER_SCHEMA':
      return 'This workspace was saved by a newer version of Trellis. Update Trellis (reload the page) before changing anything.';
    case 'TITLE_REQUIRED':
      return field === 'name' ? 'Enter your name.' : 'Enter a title.';
    case 'TEXT_REQUIRED':
      return field === 'keep'
        ? 'Write what to keep doing, what to change, or both.'
        : 'Write something here first.';
    case 'TEXT_TOO_LONG':
      return field === 'title' || field === 'name' || field === 'metric'
        ? `This is too long. Keep it to ${TEXT_LIMITS.title} characters.`
        : 'This is too long. Shorten it and try again.';
    case 'INVALID_DATE':
      return 'Enter a real date.';
    case 'INVALID_TIME':
      return 'Enter a time as hours and minutes, for example 18:30.';
    case 'INVALID_INSTANT':
      return 'That moment is not a valid time.';
    case 'INVALID_TIME_ZONE':
      return 'Choose a time zone from the list.';
    case 'INVALID_DURATION':
      return `A session lasts from ${SESSION_MINUTES.min} to ${SESSION_MINUTES.max} minutes.`;
    case 'INVALID_CADENCE':
      return 'Choose how often: every 1–366 days, 1–53 weeks or 1–12 months.';
    case 'INVALID_RANGE':
      return field === 'termEnd' || field === 'termStart'
        ? 'The end date must come after the start date.'
        : 'The end must come after the start.';
    case 'OUT_OF_RANGE':
      return outOfRange(field);
    case 'INVALID_VALUE':
      return 'Choose one of the options offered.';
    case 'UNKNOWN_PERSON':
      return field === 'ownerId'
        ? 'Choose one of the two of you.'
        : 'You are not part of this pair on this device yet. Wait for it to sync, then try again.';
    case 'PAIR_FULL':
      return 'This pair already has a mentor and a mentee.';
    case 'ROLE_TAKEN':
      return 'Your partner already has this role in the pair.';
    case 'NOT_ALLOWED':
      return 'Only the person who wrote this can change it.';
    case 'INVALID_RECIPIENT':
      return 'Feedback goes to your partner, who has not joined yet.';
    case 'NOT_FOUND':
      return 'This item no longer exists: your partner may have removed it.';
    case 'DUPLICATE_ID':
      return 'This item already exists.';
    case 'SESSION_NOT_HELD':
      return 'You can reflect on a session once it has started.';
    case 'INVALID_SIGNATURE_RECORD':
      return 'The signature could not be recorded. Please try signing again.';
    case 'DEVICE_REMOVED':
      return 'This device was removed from the pair.';
    case 'INVITE_REVOKED':
      return 'This invite was revoked.';
    case 'INVITE_USED':
      return 'This invite has already been used.';
    case 'INVITE_EXPIRED':
      return 'This invite has expired.';
    default:
      return unreachable(code);
  }
}

function outOfRange(field: string | undefined): string {
  switch (field) {
    case 'meetingMinutes':
      return `Meetings last from ${TERM_LIMITS.meetingMinutes.min} to ${TERM_LIMITS.meetingMinutes.max} minutes.`;
    case 'reviewEverySessions':
      return `Review every ${TERM_LIMITS.reviewEverySessions.min} to ${TERM_LIMITS.reviewEverySessions.max} sessions.`;
    case 'responseTimeHours':
      return `Enter ${TERM_LIMITS.responseTimeHours.min} to ${TERM_LIMITS.responseTimeHours.max} hours.`;
    case 'target':
      return 'The target must be a number above zero.';
    case 'current':
      return 'Enter a number (it can be left empty).';
    case 'mood':
    case 'workload':
      return `Choose a score from ${SCORE.min} to ${SCORE.max}.`;
    case 'termMonths':
      return 'A term lasts from 1 to 36 months.';
    default:
      return 'This number is outside the allowed range.';
  }
}

function unreachable(code: never): string {
  return `Something went wrong (${String(code)}).`;
}
