import { isBytes } from './bytes';
import { DEFAULT_PAD_BLOCK } from './sizes';
import { getSodium } from './sodium';

/**
 * Removes `padPlaintext` padding. The input must be a positive multiple of `blockSize` whose last
 * block ends in 0x80 followed only by zeros; anything else is `BAD_PADDING` (never a throw).
 *
 * @example
 *   const unpadded = unpadPlaintext(plaintext);
 *   if (unpadded.ok) apply(unpadded.data);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function unpadPlaintext(
  data: Uint8Array,
  blockSize: number = DEFAULT_PAD_BLOCK,
): { ok: true; data: Uint8Array } | { ok: false; code: 'BAD_PADDING' } {
  const sodium = getSodium();
  // Stricter than sodium_unpad, which looks only at the last block: a length that padPlaintext
  // could not have produced is rejected too, so each padded form has one valid length.
  if (
    !isBytes(data) ||
    !Number.isSafeInteger(blockSize) ||
    blockSize <= 0 ||
    data.length === 0 ||
    data.length % blockSize !== 0
  ) {
    return { ok: false, code: 'BAD_PADDING' };
  }
  try {
    return { ok: true, data: sodium.unpad(data, blockSize) };
  } catch {
    return { ok: false, code: 'BAD_PADDING' };
  }
}
