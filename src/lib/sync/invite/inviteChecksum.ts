// The checksum catches accidents (a character changed by hand, by autocorrect, by a chat app),
// so the person is told the link is damaged instead of joining with a wrong key. It is unkeyed
// and guards nothing against an attacker, who could recompute it: a swapped invite is what the
// safety code is for.
import { concatBytes, hashBytes } from '$lib/crypto';
import { INVITE_CHECKSUM_BYTES } from './inviteLayout';

const DOMAIN = new TextEncoder().encode('trellis/invite-checksum/v1\0');

/**
 * The first 4 bytes of BLAKE2b-256(`"trellis/invite-checksum/v1\0" | content`), where content is
 * every invite byte before the checksum.
 *
 * @example
 *   computeInviteChecksum(bytes.subarray(0, INVITE_FIELDS.checksum.offset));
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function computeInviteChecksum(content: Uint8Array): Uint8Array {
  return hashBytes(concatBytes([DOMAIN, content]), 32).slice(0, INVITE_CHECKSUM_BYTES);
}

/**
 * Whether `bytes` ends in the checksum of the bytes before it. Never throws.
 *
 * @example
 *   hasValidInviteChecksum(decoded); // false after any changed character
 */
export function hasValidInviteChecksum(bytes: Uint8Array): boolean {
  if (bytes.length < INVITE_CHECKSUM_BYTES) return false;
  const split = bytes.length - INVITE_CHECKSUM_BYTES;
  const expected = computeInviteChecksum(bytes.subarray(0, split));
  return expected.every((byte, index) => byte === bytes[split + index]);
}
