import { isBytes } from './bytes';
import { domainSeparated, type SignatureDomain } from './signatureDomain';
import type { SigningPublicKey } from './types';
import { verifyEd25519 } from './verifyEd25519';

/**
 * Whether `signature` is `publicKey`'s signature of `"trellis/<domain>/v1\0" | message`.
 * Returns false, never throws, on malformed input (wrong lengths, non-byte values).
 *
 * @example
 *   if (!verifyDetached({ signature, message, domain: 'invite', publicKey })) reject();
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function verifyDetached(input: {
  signature: Uint8Array;
  message: Uint8Array;
  domain: SignatureDomain;
  publicKey: SigningPublicKey;
}): boolean {
  if (!isBytes(input.message)) return false;
  return verifyEd25519({
    signature: input.signature,
    message: domainSeparated(input.domain, input.message),
    publicKey: input.publicKey,
  });
}
