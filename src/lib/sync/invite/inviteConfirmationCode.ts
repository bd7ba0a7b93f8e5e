// Both screens show this code before the inviter admits anyone: the two people compare it by
// phone or in person, so a request from someone else who also saw the link (who would have to
// produce a request whose code matches) is caught. It binds the link's secret and every byte of
// the request, signature included (Ed25519 signatures are deterministic, so both sides hold the
// same bytes).
import { rendezvousConfirmationCode } from '../rendezvous/rendezvousConfirmationCode';
import { encodeInviteMessage, type JoinRequest } from './inviteMessage';
import type { InviteOffer } from './inviteOffer';

/**
 * Six digits, shown as `'123 456'`: the rendezvous code (domain `trellis/invite-code/v2`) of the
 * secret and the request's canonical bytes.
 *
 * @example
 *   inviteConfirmationCode(offer, request); // '305 118', the same on both screens
 * @throws InvalidInviteError on a request that breaks its own type; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function inviteConfirmationCode(
  offer: Pick<InviteOffer, 'secret'>,
  request: JoinRequest,
): string {
  return rendezvousConfirmationCode(
    'trellis/invite-code/v2',
    offer.secret,
    encodeInviteMessage(request),
  );
}
