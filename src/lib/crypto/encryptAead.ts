// Why XChaCha20-Poly1305 with random nonces: every device encrypts under the same workspace key,
// and devices cannot coordinate a nonce counter (they are offline for weeks, and a restored
// backup would replay a counter). XChaCha20's 24-byte nonce is large enough to draw at random:
// the chance that two of even 2^48 messages share a nonce is about 2^-96, so no nonce state is
// kept anywhere. It is also fast in libsodium's WebAssembly build without AES hardware, and
// Poly1305 authenticates the associated data (the blob header) along with the ciphertext.
import { encryptAeadWithNonce } from './encryptAeadWithNonce';
import { randomBytes } from './randomBytes';
import { AEAD_NONCE_BYTES } from './sizes';

/**
 * Encrypts and authenticates `plaintext`, binding `associatedData`, under a 32-byte key with a
 * fresh random 24-byte nonce. The ciphertext is 16 bytes (the tag) longer than the plaintext.
 *
 * @example
 *   const { nonce, ciphertext } = encryptAead({ plaintext, associatedData: header, key });
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the key is not 32 bytes.
 */
export function encryptAead(input: {
  plaintext: Uint8Array;
  associatedData: Uint8Array;
  key: Uint8Array;
}): { nonce: Uint8Array; ciphertext: Uint8Array } {
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  return { nonce, ciphertext: encryptAeadWithNonce({ ...input, nonce }) };
}
