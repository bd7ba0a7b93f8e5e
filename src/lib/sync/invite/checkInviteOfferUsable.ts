// Parsing proves an offer is intact; whether it may still be used depends on the clock and, on
// the inviter's side, on which invites it revoked or saw used. Both sides check: the joiner
// before it posts a request, the inviter before it answers one.
import type { InviteId } from './invite';
import type { InviteUsabilityErrorCode } from './inviteErrors';
import type { InviteOffer } from './inviteOffer';

/**
 * Whether a parsed offer may be used at `now` (unix seconds). Revocation (when the caller knows
 * it) is checked first; an offer expires at `expiresAt` exactly; a `now` that is not a number
 * counts as expired, so a broken clock fails closed.
 *
 * @example
 *   const usable = checkInviteOfferUsable(offer, { now: Math.floor(Date.now() / 1000) });
 *   if (!usable.ok) return show(inviteErrorMessage(usable.code));
 */
export function checkInviteOfferUsable(
  offer: Pick<InviteOffer, 'inviteId' | 'expiresAt'>,
  context: { now: number; isRevoked?: (inviteId: InviteId) => boolean },
): { ok: true } | { ok: false; code: InviteUsabilityErrorCode } {
  if (context.isRevoked?.(offer.inviteId)) return { ok: false, code: 'INVITE_REVOKED' };
  if (!(context.now < offer.expiresAt)) return { ok: false, code: 'INVITE_EXPIRED' };
  return { ok: true };
}
