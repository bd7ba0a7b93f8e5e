// The six digits both screens of a rendezvous show before anything is granted: the person
// checks that the device asking is the one in front of them (or on the phone with them), not
// another that also saw the link. Each protocol on a rendezvous binds its own bytes under its own
// domain, so a code from one never matches a code from the other.
import { concatBytes, hashBytes } from '$lib/crypto';

const CODE_MODULUS = 1_000_000;

/**
 * Six digits, shown as `'123 456'`: the first 8 bytes of BLAKE2b-256(utf8(domain) | \0 | secret
 * | bound) as a big-endian integer, mod 10^6 (the bias of a 64-bit value mod 10^6 is below
 * 2^-40).
 *
 * @example
 *   rendezvousConfirmationCode('trellis/device-link-code/v1', secret, deviceBytes); // '042 917'
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function rendezvousConfirmationCode(
  domain: string,
  secret: Uint8Array,
  bound: Uint8Array,
): string {
  const prefix = new TextEncoder().encode(`${domain}\0`);
  const digest = hashBytes(concatBytes([prefix, secret, bound]), 32);
  const value = new DataView(digest.buffer, digest.byteOffset, 8).getBigUint64(0);
  const digits = String(Number(value % BigInt(CODE_MODULUS))).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
