// The checksum catches accidents (a character changed by hand, by autocorrect, by a chat app),
// so the person is told the link is damaged instead of waiting in an empty room. It is unkeyed
// and guards nothing against an attacker, who could recompute it: the confirmation code and the
// signed answers are for that. Its domain names version 2, so a body of another layout (the
// retired version 1 used `v1`) never checks as an offer.
import { concatBytes, hashBytes } from '$lib/crypto';
import { INVITE_CHECKSUM_BYTES } from './inviteLayout';

const DOMAIN = new TextEncoder().encode('trellis/invite-checksum/v2\0');

/**
 * The first 4 bytes of BLAKE2b-256(`"trellis/invite-checksum/v2\0" | content`), where content is
 * every version-2 offer byte before the checksum.
 *
 * @example
 *   computeInviteOfferChecksum(bytes.subarray(0, INVITE_OFFER_FIELDS.checksum.offset));
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function computeInviteOfferChecksum(content: Uint8Array): Uint8Array {
  return hashBytes(concatBytes([DOMAIN, content]), 32).slice(0, INVITE_CHECKSUM_BYTES);
}

/**
 * Whether version-2 `bytes` end in the checksum of the bytes before them. Never throws.
 *
 * @example
 *   hasValidInviteOfferChecksum(decoded); // false after any changed character
 */
export function hasValidInviteOfferChecksum(bytes: Uint8Array): boolean {
  if (bytes.length < INVITE_CHECKSUM_BYTES) return false;
  const split = bytes.length - INVITE_CHECKSUM_BYTES;
  const expected = computeInviteOfferChecksum(bytes.subarray(0, split));
  return expected.every((byte, index) => byte === bytes[split + index]);
}
