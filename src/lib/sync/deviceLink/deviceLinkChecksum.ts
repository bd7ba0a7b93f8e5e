// The checksum catches accidents (a character changed by hand or by a chat app), so the person is
// told the link is damaged instead of waiting in an empty room. It is unkeyed and guards nothing
// against an attacker: the confirmation code and the signed grant are for that.
import { concatBytes, hashBytes } from '$lib/crypto';
import { DEVICE_LINK_CHECKSUM_BYTES } from './deviceLinkLayout';

const DOMAIN = new TextEncoder().encode('trellis/device-link-checksum/v1\0');

/**
 * The first 4 bytes of BLAKE2b-256(`"trellis/device-link-checksum/v1\0" | content`), where
 * content is every offer byte before the checksum.
 *
 * @example
 *   computeDeviceLinkChecksum(bytes.subarray(0, DEVICE_LINK_FIELDS.checksum.offset));
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function computeDeviceLinkChecksum(content: Uint8Array): Uint8Array {
  return hashBytes(concatBytes([DOMAIN, content]), 32).slice(0, DEVICE_LINK_CHECKSUM_BYTES);
}

/**
 * Whether `bytes` ends in the checksum of the bytes before it. Never throws.
 *
 * @example
 *   hasValidDeviceLinkChecksum(decoded); // false after any changed character
 */
export function hasValidDeviceLinkChecksum(bytes: Uint8Array): boolean {
  if (bytes.length < DEVICE_LINK_CHECKSUM_BYTES) return false;
  const split = bytes.length - DEVICE_LINK_CHECKSUM_BYTES;
  const expected = computeDeviceLinkChecksum(bytes.subarray(0, split));
  return expected.every((byte, index) => byte === bytes[split + index]);
}
