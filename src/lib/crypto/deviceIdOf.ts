import { SIGNING_PUBLIC_KEY_BYTES } from './sizes';
import { toBase64Url } from './toBase64Url';
import type { DeviceId, SigningPublicKey } from './types';

/**
 * The device id of a signing public key: its base64url spelling (43 characters).
 *
 * @example
 *   deviceIdOf(identity.signing.publicKey); // 'm2Ud…' (43 chars)
 * @throws RangeError if the key is not 32 bytes (a broken invariant of the brand).
 */
export function deviceIdOf(publicKey: SigningPublicKey): DeviceId {
  if (publicKey.length !== SIGNING_PUBLIC_KEY_BYTES) {
    throw new RangeError(`deviceIdOf: a signing public key has 32 bytes, got ${publicKey.length}`);
  }
  return toBase64Url(publicKey) as DeviceId;
}
