import { fromBase64Url } from './fromBase64Url';
import { SIGNING_PUBLIC_KEY_BYTES } from './sizes';
import type { DeviceId, SigningPublicKey } from './types';

/**
 * The signing public key a device id names, or `undefined` if the id is not the canonical
 * base64url of 32 bytes. Accepts any string, so it doubles as the parser for untrusted ids.
 *
 * @example
 *   publicKeyOfDevice(identity.deviceId); // identity.signing.publicKey (a copy)
 *   publicKeyOfDevice('nope' as DeviceId); // undefined
 */
export function publicKeyOfDevice(deviceId: DeviceId | string): SigningPublicKey | undefined {
  const bytes = fromBase64Url(deviceId);
  return bytes?.length === SIGNING_PUBLIC_KEY_BYTES ? (bytes as SigningPublicKey) : undefined;
}
