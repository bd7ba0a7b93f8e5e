// The one at-rest envelope of the app: nonce(24) | XChaCha20-Poly1305 ciphertext, with the
// associated data naming what is sealed, so one kind of secret never opens as another. Wrapped
// keys, the inner-doc cache and the profile all rest this way.
import { concatBytes } from './bytes';
import { decryptAead } from './decryptAead';
import { encryptAead } from './encryptAead';
import { AEAD_NONCE_BYTES } from './sizes';

/**
 * Encrypts `plaintext` under `key` into one self-contained byte string.
 *
 * @example
 *   const sealed = sealSecret({ plaintext, associatedData: utf8('trellis/profile/v1'), key });
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the key is not 32 bytes.
 */
export function sealSecret(input: {
  plaintext: Uint8Array;
  associatedData: Uint8Array;
  key: Uint8Array;
}): Uint8Array {
  const { nonce, ciphertext } = encryptAead(input);
  return concatBytes([nonce, ciphertext]);
}

/**
 * Opens what `sealSecret` made. A wrong key, other associated data, tampered or truncated bytes
 * all give `DECRYPT_FAILED`; never throws on malformed input.
 *
 * @example
 *   const opened = openSecret({ sealed: row.sealed, associatedData, key });
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function openSecret(input: {
  sealed: Uint8Array;
  associatedData: Uint8Array;
  key: Uint8Array;
}): { ok: true; plaintext: Uint8Array } | { ok: false; code: 'DECRYPT_FAILED' } {
  return decryptAead({
    nonce: input.sealed.subarray(0, AEAD_NONCE_BYTES),
    ciphertext: input.sealed.subarray(AEAD_NONCE_BYTES),
    associatedData: input.associatedData,
    key: input.key,
  });
}
