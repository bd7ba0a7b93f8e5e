import { domainSeparated, type SignatureDomain } from './signatureDomain';
import { getSodium } from './sodium';
import type { SigningSecretKey } from './types';

/**
 * A 64-byte Ed25519 signature over `"trellis/<domain>/v1\0" | message`.
 *
 * @example
 *   const signature = signDetached({ message, domain: 'invite', secretKey: me.signing.secretKey });
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the key is not 64 bytes.
 */
export function signDetached(input: {
  message: Uint8Array;
  domain: SignatureDomain;
  secretKey: SigningSecretKey;
}): Uint8Array {
  return getSodium().crypto_sign_detached(
    domainSeparated(input.domain, input.message),
    input.secretKey,
  );
}
