// Internal: plain Ed25519 verification without a domain prefix, shared by `verifyDetached` and
// the Wycheproof vector tests. Not exported from the index: every Trellis signature has a domain.
import { isBytes } from './bytes';
import { SIGNATURE_BYTES, SIGNING_PUBLIC_KEY_BYTES } from './sizes';
import { getSodium } from './sodium';

/**
 * Whether `signature` is a valid Ed25519 signature of exactly `message` by `publicKey`.
 * libsodium rejects non-canonical S, small-order and non-canonical keys and R. Never throws on
 * malformed input.
 *
 * @example
 *   verifyEd25519({ signature, message, publicKey }); // tests only
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function verifyEd25519(input: {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}): boolean {
  const sodium = getSodium();
  const { signature, message, publicKey } = input;
  if (
    !isBytes(signature, SIGNATURE_BYTES) ||
    !isBytes(publicKey, SIGNING_PUBLIC_KEY_BYTES) ||
    !isBytes(message)
  ) {
    return false;
  }
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}
