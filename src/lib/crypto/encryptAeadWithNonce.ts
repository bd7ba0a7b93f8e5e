// Internal: encryption with a caller-chosen nonce, so the test suite can check libsodium against
// fixed vectors. Not exported from the index: production code must use `encryptAead`, which
// draws a fresh random nonce every time.
import { getSodium } from './sodium';

/**
 * XChaCha20-Poly1305-IETF with the given nonce; returns ciphertext | tag(16).
 *
 * @example
 *   encryptAeadWithNonce({ plaintext, associatedData, key, nonce }); // tests only
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error on a wrong key or nonce length.
 */
export function encryptAeadWithNonce(input: {
  plaintext: Uint8Array;
  associatedData: Uint8Array;
  key: Uint8Array;
  nonce: Uint8Array;
}): Uint8Array {
  return getSodium().crypto_aead_xchacha20poly1305_ietf_encrypt(
    input.plaintext,
    input.associatedData,
    null,
    input.nonce,
    input.key,
  );
}
