// The new device signs its request over the link's secret as well as its keys and name: a
// request copied out of one rendezvous cannot be replayed into another link, and nobody who
// holds the secret can swap the box key (to which the grant is sealed) or the shown name.
import {
  isBytes,
  publicKeyOfDevice,
  signDetached,
  verifyDetached,
  type DeviceIdentity,
} from '$lib/crypto';
import { DEVICE_LINK_SECRET_BYTES } from './deviceLinkLayout';
import { InvalidDeviceLinkError } from './deviceLinkOffer';
import {
  deviceNameBytes,
  isValidDeviceName,
  linkSignedBytes,
  type LinkRequest,
} from './linkMessage';

const requestBytes = (secret: Uint8Array, request: Omit<LinkRequest, 'signature'>) => {
  const device = publicKeyOfDevice(request.deviceId);
  if (!device) return undefined;
  return linkSignedBytes({
    type: 'request',
    secret,
    fields: [device, request.boxPublicKey, deviceNameBytes(request.deviceName)],
  });
};

/**
 * The new device's request to join: its ids and name, signed (domain 'device-link') over
 * `1 | secret | deviceId | boxPublicKey | UTF-8 name`.
 *
 * @example
 *   const request = signLinkRequest({ secret: offer.secret, identity: me, deviceName: 'Phone' });
 *   rendezvous.send(encodeLinkMessage(request));
 * @throws InvalidDeviceLinkError on a secret that is not 32 bytes or a name out of bounds;
 *   CryptoNotReadyError before `readyCrypto()`.
 */
export function signLinkRequest(input: {
  secret: Uint8Array;
  identity: DeviceIdentity;
  deviceName: string;
}): LinkRequest {
  const { secret, identity, deviceName } = input;
  if (!isBytes(secret, DEVICE_LINK_SECRET_BYTES)) {
    throw new InvalidDeviceLinkError('secret must be 32 bytes');
  }
  if (!isValidDeviceName(deviceName)) {
    throw new InvalidDeviceLinkError('deviceName must be 1 to 200 UTF-8 bytes, not blank');
  }
  const unsigned = {
    type: 'request' as const,
    deviceId: identity.deviceId,
    boxPublicKey: identity.box.publicKey,
    deviceName,
  };
  const message = requestBytes(secret, unsigned);
  if (!message) throw new InvalidDeviceLinkError('identity.deviceId must be base64url of 32 bytes');
  const signature = signDetached({
    message,
    domain: 'device-link',
    secretKey: identity.signing.secretKey,
  });
  return { ...unsigned, signature };
}

/**
 * Whether `request` was signed by the device it names, for this link's `secret`. Never throws
 * on malformed input.
 *
 * @example
 *   if (!verifyLinkRequest(offer.secret, request)) return; // ignore it, show nothing
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function verifyLinkRequest(secret: Uint8Array, request: LinkRequest): boolean {
  if (!isBytes(secret, DEVICE_LINK_SECRET_BYTES) || !isValidDeviceName(request.deviceName)) {
    return false;
  }
  if (!isBytes(request.boxPublicKey)) return false;
  const publicKey = publicKeyOfDevice(request.deviceId);
  const message = requestBytes(secret, request);
  if (!publicKey || !message) return false;
  return verifyDetached({
    signature: request.signature,
    message,
    domain: 'device-link',
    publicKey,
  });
}
