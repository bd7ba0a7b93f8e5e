// Parsing proves an invite is intact; whether it may still be used depends on state the
// fragment cannot carry: the clock, and which invites the inviter revoked or saw used.
import { checkInviteOfferUsable } from './checkInviteOfferUsable';
import type { Invite, InviteId } from './invite';
import type { InviteUsabilityErrorCode } from './inviteErrors';

/**
 * Whether a parsed invite may be used now. Revocation is checked first (it is the stronger
 * statement); an invite expires at `expiresAt` exactly. `now` is unix seconds; a `now` that is
 * not a number counts as expired, so a broken clock fails closed.
 *
 * @example
 *   const usable = checkInviteUsable(invite, {
 *     now: Math.floor(Date.now() / 1000),
 *     isRevoked: (id) => revoked.has(id),
 *   });
 *   if (!usable.ok) return show(inviteErrorMessage(usable.code));
 */
export function checkInviteUsable(
  invite: Invite,
  context: { now: number; isRevoked: (inviteId: InviteId) => boolean },
): { ok: true } | { ok: false; code: InviteUsabilityErrorCode } {
  return checkInviteOfferUsable(invite, context);
}
