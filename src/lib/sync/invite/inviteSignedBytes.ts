// Every signature of the handshake covers the link binding first: a hash of the link's secret
// and invite id. A message signed for one link therefore verifies under no other (a request
// copied into another invite's room, a grant replayed into another rendezvous), and the secret
// itself never enters a signed message, which the joiner may keep.
import { concatBytes, fromBase64Url, hashBytes, isBytes } from '$lib/crypto';
import { INVITE_ID_BYTES } from './inviteLayout';
import type { InviteOffer } from './inviteOffer';
import { INVITE_OFFER_SECRET_BYTES } from './inviteOfferLayout';

const DOMAIN = new TextEncoder().encode('trellis/invite-link/v2\0');

/**
 * BLAKE2b-256(`"trellis/invite-link/v2\0" | secret | invite id bytes`), or `undefined` if the
 * offer's secret or id has the wrong size. Never throws on malformed input.
 *
 * @example
 *   inviteLinkBinding(offer); // 32 bytes
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function inviteLinkBinding(
  offer: Pick<InviteOffer, 'secret' | 'inviteId'>,
): Uint8Array | undefined {
  const inviteId = fromBase64Url(offer.inviteId);
  if (!isBytes(offer.secret, INVITE_OFFER_SECRET_BYTES) || inviteId?.length !== INVITE_ID_BYTES) {
    return undefined;
  }
  return hashBytes(concatBytes([DOMAIN, offer.secret, inviteId]), 32);
}

/**
 * What a handshake signature covers: the link binding, then the message's bytes before its
 * signature (`encodeUnsignedInviteMessage`).
 *
 * @example
 *   const message = inviteSignedBytes(offer, encodeUnsignedInviteMessage(request));
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function inviteSignedBytes(
  offer: Pick<InviteOffer, 'secret' | 'inviteId'>,
  unsigned: Uint8Array,
): Uint8Array | undefined {
  const binding = inviteLinkBinding(offer);
  return binding && concatBytes([binding, unsigned]);
}
