// The checksum catches accidents (a character changed by hand, by autocorrect, by a chat app),
// so the person is told the link is damaged instead of waiting in an empty room (or, for a
// version-1 invite, joining with a wrong key). It is unkeyed and guards nothing against an
// attacker, who could recompute it: the confirmation code and the signed answers are for that.
// Each link version has its own domain, so a body of one version never checks as another.
import { concatBytes, hashBytes } from '$lib/crypto';
import { INVITE_CHECKSUM_BYTES } from './inviteLayout';

/** The checksum domain of each invite version. */
const DOMAINS = {
  1: new TextEncoder().encode('trellis/invite-checksum/v1\0'),
  2: new TextEncoder().encode('trellis/invite-checksum/v2\0'),
} as const;

type ChecksumVersion = keyof typeof DOMAINS;

const checksumOf = (version: ChecksumVersion, content: Uint8Array) =>
  hashBytes(concatBytes([DOMAINS[version], content]), 32).slice(0, INVITE_CHECKSUM_BYTES);

function endsInChecksum(version: ChecksumVersion, bytes: Uint8Array): boolean {
  if (bytes.length < INVITE_CHECKSUM_BYTES) return false;
  const split = bytes.length - INVITE_CHECKSUM_BYTES;
  const expected = checksumOf(version, bytes.subarray(0, split));
  return expected.every((byte, index) => byte === bytes[split + index]);
}

/**
 * The first 4 bytes of BLAKE2b-256(`"trellis/invite-checksum/v1\0" | content`), where content is
 * every version-1 invite byte before the checksum.
 *
 * @example
 *   computeInviteChecksum(bytes.subarray(0, INVITE_FIELDS.checksum.offset));
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function computeInviteChecksum(content: Uint8Array): Uint8Array {
  return checksumOf(1, content);
}

/**
 * Whether version-1 `bytes` end in the checksum of the bytes before them. Never throws.
 *
 * @example
 *   hasValidInviteChecksum(decoded); // false after any changed character
 */
export function hasValidInviteChecksum(bytes: Uint8Array): boolean {
  return endsInChecksum(1, bytes);
}

/**
 * The first 4 bytes of BLAKE2b-256(`"trellis/invite-checksum/v2\0" | content`), where content is
 * every version-2 offer byte before the checksum.
 *
 * @example
 *   computeInviteOfferChecksum(bytes.subarray(0, INVITE_OFFER_FIELDS.checksum.offset));
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function computeInviteOfferChecksum(content: Uint8Array): Uint8Array {
  return checksumOf(2, content);
}

/**
 * Whether version-2 `bytes` end in the checksum of the bytes before them. Never throws.
 *
 * @example
 *   hasValidInviteOfferChecksum(decoded); // false after any changed character
 */
export function hasValidInviteOfferChecksum(bytes: Uint8Array): boolean {
  return endsInChecksum(2, bytes);
}
