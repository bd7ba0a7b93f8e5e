// Every signature of the handshake covers the link binding first: a hash of the link's secret
// and invite id. A message signed for one link therefore verifies under no other (a request
// copied into another invite's room, a grant replayed into another rendezvous), and the secret
// itself never enters a signed message, which the joiner may keep.
import {
  concatBytes,
  fromBase64Url,
  hashBytes,
  isBytes,
  signDetached,
  verifyDetached,
  type SigningPublicKey,
  type SigningSecretKey,
} from '$lib/crypto';
import { InvalidInviteError } from './invite';
import { INVITE_ID_BYTES } from './inviteLayout';
import { encodeUnsignedInviteMessage, type InviteMessage } from './inviteMessage';
import type { InviteOffer } from './inviteOffer';
import { INVITE_OFFER_SECRET_BYTES } from './inviteOfferLayout';

const DOMAIN = new TextEncoder().encode('trellis/invite-link/v2\0');

/** The link fields a signature binds. */
type LinkFields = Pick<InviteOffer, 'secret' | 'inviteId'>;

/** The two signature domains of the handshake: the joiner's request, the inviter's answers. */
type InviteDomain = 'invite-request' | 'invite-answer';

/**
 * BLAKE2b-256(`"trellis/invite-link/v2\0" | secret | invite id bytes`), or `undefined` if the
 * offer's secret or id has the wrong size. Never throws on malformed input.
 *
 * @example
 *   inviteLinkBinding(offer); // 32 bytes
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function inviteLinkBinding(offer: LinkFields): Uint8Array | undefined {
  const inviteId = fromBase64Url(offer.inviteId);
  if (!isBytes(offer.secret, INVITE_OFFER_SECRET_BYTES) || inviteId?.length !== INVITE_ID_BYTES) {
    return undefined;
  }
  return hashBytes(concatBytes([DOMAIN, offer.secret, inviteId]), 32);
}

/**
 * What a handshake signature covers: the link binding, then the message's bytes before its
 * signature (`encodeUnsignedInviteMessage`); `undefined` if the offer or the message is
 * malformed. Never throws on malformed input.
 *
 * @example
 *   const signed = inviteSignedBytes(offer, request);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function inviteSignedBytes(
  offer: LinkFields,
  message: InviteMessage,
): Uint8Array | undefined {
  const binding = inviteLinkBinding(offer);
  if (!binding) return undefined;
  try {
    return concatBytes([binding, encodeUnsignedInviteMessage(message)]);
  } catch (error) {
    if (error instanceof InvalidInviteError) return undefined;
    throw error;
  }
}

/**
 * `message` with its signature by `secretKey` under `domain`, for the link of `offer`.
 *
 * @example
 *   const request = signInviteMessage(offer, unsigned, 'invite-request', person.signing.secretKey);
 * @throws InvalidInviteError on a malformed offer or message; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function signInviteMessage<Message extends InviteMessage>(
  offer: LinkFields,
  message: Message,
  domain: InviteDomain,
  secretKey: SigningSecretKey,
): Message {
  // Encoding again to learn what is wrong: inviteSignedBytes only says that something is.
  encodeUnsignedInviteMessage(message);
  const signed = inviteSignedBytes(offer, message);
  if (!signed) throw new InvalidInviteError('offer secret or invite id has the wrong size');
  return { ...message, signature: signDetached({ message: signed, domain, secretKey }) };
}

/**
 * Whether `message`'s signature is `publicKey`'s under `domain`, for the link of `offer`. Never
 * throws on malformed input.
 *
 * @example
 *   verifyInviteMessage(offer, grant, 'invite-answer', inviterKey); // false if forged
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function verifyInviteMessage(
  offer: LinkFields,
  message: InviteMessage,
  domain: InviteDomain,
  publicKey: SigningPublicKey | undefined,
): boolean {
  const signed = inviteSignedBytes(offer, message);
  if (!signed || !publicKey) return false;
  return verifyDetached({ signature: message.signature, message: signed, domain, publicKey });
}
