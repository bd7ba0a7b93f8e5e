// Reading one field of a decoded offer by name, so the encoder, the parser and the tests agree on
// the layout in one place.
import { INVITE_OFFER_FIELDS } from './inviteOfferLayout';

/**
 * A copy of field `name` of offer `bytes` (90 bytes, already length-checked).
 *
 * @example
 *   const secret = offerField(bytes, 'secret');
 */
export function offerField(bytes: Uint8Array, name: keyof typeof INVITE_OFFER_FIELDS): Uint8Array {
  const { offset, bytes: size } = INVITE_OFFER_FIELDS[name];
  return bytes.slice(offset, offset + size);
}
