// One plain-language sentence per code: what happened, and what the person can do about it.
// The join screen shows it instead of a blank page or a half-joined pair.
import type { InviteErrorCode } from './inviteErrors';

const MESSAGES = {
  INVITE_EMPTY:
    'This link has no invite in it. Ask your partner to send the whole invite link again.',
  INVITE_NOT_TRELLIS:
    'This is not a Trellis invite. Check that you opened the link your partner sent you.',
  INVITE_UNSUPPORTED_VERSION:
    'This invite was made by a different version of Trellis. Reload Trellis to update it, or ask your partner to create a new invite.',
  INVITE_OLD_VERSION:
    'This invite was made by an older version of Trellis. Ask your partner for a new one.',
  INVITE_TRUNCATED:
    'This invite link is incomplete — it may have been cut off when it was copied. Ask your partner to send it again.',
  INVITE_DAMAGED:
    'This invite link has been changed or damaged — at least one character is wrong. Ask your partner to send it again, and copy it exactly.',
  INVITE_MALFORMED:
    'This invite link is not in a form Trellis can read. Ask your partner to create a new invite.',
  INVITE_EXPIRED: 'This invite has expired. Ask your partner to create a new one.',
  INVITE_REVOKED:
    'This invite has been cancelled or has already been used. Ask your partner to create a new one.',
} as const satisfies Record<InviteErrorCode, string>;

/**
 * The sentence the UI shows for an invite that cannot be used.
 *
 * @example
 *   inviteErrorMessage('INVITE_TRUNCATED');
 *   // 'This invite link is incomplete — it may have been cut off when it was copied. …'
 */
export function inviteErrorMessage(code: InviteErrorCode): string {
  return MESSAGES[code];
}
