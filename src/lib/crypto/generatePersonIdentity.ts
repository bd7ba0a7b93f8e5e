// A person key is a signing key pair of its own, separate from every device key: the person's
// devices come and go (a lost phone is removed) while the person, and the safety code their
// partner verified, stay the same.
import { deviceIdOf } from './deviceIdOf';
import { getSodium } from './sodium';
import type { PersonId, PersonIdentity, SigningPublicKey, SigningSecretKey } from './types';

/**
 * A new person identity: a random Ed25519 key pair, named by its public key.
 *
 * @example
 *   const person = generatePersonIdentity();
 *   person.personId.length; // 43
 * @throws CryptoNotReadyError before `readyCrypto()` resolved.
 */
export function generatePersonIdentity(): PersonIdentity {
  const signing = getSodium().crypto_sign_keypair();
  const publicKey = signing.publicKey as SigningPublicKey;
  return {
    personId: deviceIdOf(publicKey) as string as PersonId,
    signing: { publicKey, secretKey: signing.privateKey as SigningSecretKey },
  };
}
