// `crypto.getRandomValues` is the platform CSPRNG in every browser and in Node 19+, and it needs
// no libsodium, so keys and nonces can be drawn before `readyCrypto()` resolves.

/** The Web Crypto limit on one `getRandomValues` call. */
const MAX_CHUNK = 65_536;

/**
 * `length` bytes from the platform CSPRNG.
 *
 * @example
 *   const nonce = randomBytes(24);
 */
export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`randomBytes: length must be a non-negative integer, got ${length}`);
  }
  const bytes = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += MAX_CHUNK) {
    globalThis.crypto.getRandomValues(bytes.subarray(offset, offset + MAX_CHUNK));
  }
  return bytes;
}
