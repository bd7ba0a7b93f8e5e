// Two independent key pairs rather than one Ed25519 key converted to X25519: converting would
// tie the signing and encryption keys together, and separate keys cost only 32 bytes each.
import { deviceIdOf } from './deviceIdOf';
import { getSodium } from './sodium';
import type {
  BoxPublicKey,
  BoxSecretKey,
  DeviceIdentity,
  SigningPublicKey,
  SigningSecretKey,
} from './types';

/**
 * A new device: a random Ed25519 signing key pair (its identity) and a random X25519 key pair
 * (for keys sealed to it).
 *
 * @example
 *   const me = generateDeviceIdentity();
 *   me.deviceId === deviceIdOf(me.signing.publicKey); // true
 * @throws CryptoNotReadyError before `readyCrypto()` resolved.
 */
export function generateDeviceIdentity(): DeviceIdentity {
  const sodium = getSodium();
  const signing = sodium.crypto_sign_keypair();
  const box = sodium.crypto_box_keypair();
  const signingPublicKey = signing.publicKey as SigningPublicKey;
  return {
    deviceId: deviceIdOf(signingPublicKey),
    signing: { publicKey: signingPublicKey, secretKey: signing.privateKey as SigningSecretKey },
    box: {
      publicKey: box.publicKey as BoxPublicKey,
      secretKey: box.privateKey as BoxSecretKey,
    },
  };
}
