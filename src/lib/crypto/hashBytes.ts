import { getSodium } from './sodium';

/**
 * Unkeyed BLAKE2b (crypto_generichash) of `data`, `length` bytes long (16 to 64, default 32).
 *
 * @example
 *   const tokenHash = hashBytes(tokenBytes);
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if `length` is out of range.
 */
export function hashBytes(data: Uint8Array, length = 32): Uint8Array {
  return getSodium().crypto_generichash(length, data, null);
}
