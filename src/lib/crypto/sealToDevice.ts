// crypto_box_seal: an anonymous sender encrypts to a device's X25519 key with a fresh ephemeral
// key pair. It is how a new epoch key reaches each remaining device on rotation; authenticity
// comes from a signature on the surrounding message, not from the box itself.
import { getSodium } from './sodium';
import type { BoxPublicKey } from './types';

/**
 * Encrypts `message` so that only the holder of `publicKey`'s secret key can open it; the
 * result is 48 bytes longer than the message.
 *
 * @example
 *   const sealed = sealToDevice({ message: newEpochKey, publicKey: partner.box.publicKey });
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the key is not 32 bytes.
 */
export function sealToDevice(input: { message: Uint8Array; publicKey: BoxPublicKey }): Uint8Array {
  return getSodium().crypto_box_seal(input.message, input.publicKey);
}
