import { fromBase64Url, isBytes, publicKeyOfDevice, toBase64Url } from '$lib/crypto';
import { InvalidInviteError } from './invite';
import { computeInviteOfferChecksum } from './inviteChecksum';
import { byteOfRole, INVITE_ID_BYTES, isUint32 } from './inviteLayout';
import type { InviteOffer } from './inviteOffer';
import {
  INVITE_OFFER_BYTES,
  INVITE_OFFER_FIELDS,
  INVITE_OFFER_PREFIX,
  INVITE_OFFER_SECRET_BYTES,
  INVITE_OFFER_VERSION,
} from './inviteOfferLayout';

/**
 * The 90 bytes of a version-2 offer (checksum included). Every field is checked, so a wrong size
 * never reaches the link.
 *
 * @example
 *   encodeInviteOfferBytes(offer).length; // 90
 * @throws InvalidInviteError on an offer that breaks its own type; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function encodeInviteOfferBytes(offer: InviteOffer): Uint8Array {
  const person = publicKeyOfDevice(offer.inviterPersonId);
  const inviteId = fromBase64Url(offer.inviteId);
  const roleByte = byteOfRole(offer.inviterRole);
  if (offer.version !== INVITE_OFFER_VERSION) throw new InvalidInviteError('version must be 2');
  if (!isBytes(offer.secret, INVITE_OFFER_SECRET_BYTES)) {
    throw new InvalidInviteError('secret must be 32 bytes');
  }
  if (!person) throw new InvalidInviteError('inviterPersonId must be base64url of 32 bytes');
  if (inviteId?.length !== INVITE_ID_BYTES) {
    throw new InvalidInviteError('inviteId must be base64url of 16 bytes');
  }
  if (roleByte === undefined) throw new InvalidInviteError('inviterRole must be mentor or mentee');
  if (!isUint32(offer.expiresAt)) throw new InvalidInviteError('expiresAt must be a uint32');

  const bytes = new Uint8Array(INVITE_OFFER_BYTES);
  bytes[INVITE_OFFER_FIELDS.version.offset] = INVITE_OFFER_VERSION;
  bytes.set(offer.secret, INVITE_OFFER_FIELDS.secret.offset);
  bytes.set(person, INVITE_OFFER_FIELDS.inviterPersonId.offset);
  bytes.set(inviteId, INVITE_OFFER_FIELDS.inviteId.offset);
  bytes[INVITE_OFFER_FIELDS.inviterRole.offset] = roleByte;
  new DataView(bytes.buffer).setUint32(INVITE_OFFER_FIELDS.expiresAt.offset, offer.expiresAt);
  const checksumAt = INVITE_OFFER_FIELDS.checksum.offset;
  bytes.set(computeInviteOfferChecksum(bytes.subarray(0, checksumAt)), checksumAt);
  return bytes;
}

/**
 * The URL fragment (without `#`) that carries `offer`: `i2.` and the base64url of its 90 bytes,
 * 123 characters in all. It holds the rendezvous secret: never log it, never send it to a server.
 *
 * @example
 *   encodeInviteOffer(offer); // 'i2.AhAREhMU…'
 * @throws InvalidInviteError on an invalid offer; CryptoNotReadyError before `readyCrypto()`.
 */
export function encodeInviteOffer(offer: InviteOffer): string {
  return INVITE_OFFER_PREFIX + toBase64Url(encodeInviteOfferBytes(offer));
}
