// Padding hides the exact length of what was typed: a ciphertext reveals only how many blocks
// its plaintext filled. ISO/IEC 7816-4 (sodium_pad) appends 0x80 then zeros up to the next
// multiple of the block, always at least one byte, so the padding is unambiguous to remove.
import { DEFAULT_PAD_BLOCK } from './sizes';
import { getSodium } from './sodium';

/**
 * `data` padded to the next multiple of `blockSize` (at least one byte added).
 *
 * @example
 *   padPlaintext(new Uint8Array(10)).length; // 256
 *   padPlaintext(new Uint8Array(256)).length; // 512
 * @throws CryptoNotReadyError before `readyCrypto()`; RangeError on a non-positive block size.
 */
export function padPlaintext(data: Uint8Array, blockSize: number = DEFAULT_PAD_BLOCK): Uint8Array {
  if (!Number.isSafeInteger(blockSize) || blockSize <= 0) {
    throw new RangeError(`padPlaintext: block size must be a positive integer, got ${blockSize}`);
  }
  return getSodium().pad(data, blockSize);
}
