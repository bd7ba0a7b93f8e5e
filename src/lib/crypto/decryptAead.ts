import { isBytes } from './bytes';
import { getSodium } from './sodium';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, SYMMETRIC_KEY_BYTES } from './sizes';

/**
 * Checks and decrypts an XChaCha20-Poly1305-IETF ciphertext. Any failure (wrong key, wrong
 * associated data, tampered bytes, wrong lengths, non-byte input) is one tagged result and never
 * a throw, so callers cannot tell failures apart and cannot crash on hostile input.
 *
 * @example
 *   const opened = decryptAead({ ciphertext, nonce, associatedData: header, key });
 *   if (!opened.ok) return quarantine(opened.code);
 * @throws CryptoNotReadyError before `readyCrypto()` (a programming error, not bad input).
 */
export function decryptAead(input: {
  ciphertext: Uint8Array;
  nonce: Uint8Array;
  associatedData: Uint8Array;
  key: Uint8Array;
}): { ok: true; plaintext: Uint8Array } | { ok: false; code: 'DECRYPT_FAILED' } {
  const sodium = getSodium();
  const { ciphertext, nonce, associatedData, key } = input;
  if (
    !isBytes(key, SYMMETRIC_KEY_BYTES) ||
    !isBytes(nonce, AEAD_NONCE_BYTES) ||
    !isBytes(associatedData) ||
    !isBytes(ciphertext) ||
    ciphertext.length < AEAD_TAG_BYTES
  ) {
    return { ok: false, code: 'DECRYPT_FAILED' };
  }
  try {
    const plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      ciphertext,
      associatedData,
      nonce,
      key,
    );
    return { ok: true, plaintext };
  } catch {
    // libsodium throws on a failed tag check; that is the expected failure, not a bug.
    return { ok: false, code: 'DECRYPT_FAILED' };
  }
}
