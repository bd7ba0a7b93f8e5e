// A person key arrives from outside (a linked device's bundle, a backup file): its secret half
// must really belong to its public half, or the device would sign as someone its partner never
// verified. Comparing the stored public tail is not enough; the seed is expanded again.
import { isBytes } from './bytes';
import { SIGNING_PUBLIC_KEY_BYTES, SIGNING_SECRET_KEY_BYTES } from './sizes';
import { getSodium } from './sodium';

const SEED_BYTES = 32;

/**
 * Whether `secretKey` (libsodium layout: seed | public key) is the secret half of `publicKey`:
 * the seed expands to `publicKey`, and the stored tail is `publicKey` too.
 *
 * @example
 *   isSigningKeyPair(person.signing.publicKey, person.signing.secretKey); // true
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function isSigningKeyPair(publicKey: unknown, secretKey: unknown): boolean {
  if (!isBytes(publicKey, SIGNING_PUBLIC_KEY_BYTES)) return false;
  if (!isBytes(secretKey, SIGNING_SECRET_KEY_BYTES)) return false;
  const expanded = getSodium().crypto_sign_seed_keypair(secretKey.subarray(0, SEED_BYTES));
  const tail = secretKey.subarray(SEED_BYTES);
  const same = (a: Uint8Array, b: Uint8Array) => a.every((byte, index) => byte === b[index]);
  const matches = same(expanded.publicKey, publicKey) && same(tail, publicKey);
  expanded.privateKey.fill(0);
  return matches;
}
