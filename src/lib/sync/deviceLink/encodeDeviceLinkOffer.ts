import { isBytes, publicKeyOfDevice, toBase64Url } from '$lib/crypto';
import { computeDeviceLinkChecksum } from './deviceLinkChecksum';
import {
  DEVICE_LINK_BYTES,
  DEVICE_LINK_FIELDS,
  DEVICE_LINK_PREFIX,
  DEVICE_LINK_SECRET_BYTES,
  DEVICE_LINK_VERSION,
} from './deviceLinkLayout';
import { InvalidDeviceLinkError, type DeviceLinkOffer } from './deviceLinkOffer';

const isUint32 = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;

/**
 * The 72 bytes of an offer (checksum included). Every field is checked, so a wrong size never
 * reaches the link.
 *
 * @example
 *   encodeDeviceLinkOfferBytes(offer).length; // 72
 * @throws InvalidDeviceLinkError on an offer that breaks its own type.
 */
export function encodeDeviceLinkOfferBytes(offer: DeviceLinkOffer): Uint8Array {
  const device = publicKeyOfDevice(offer.offeringDeviceId);
  if (offer.version !== DEVICE_LINK_VERSION) throw new InvalidDeviceLinkError('version must be 1');
  if (!isBytes(offer.secret, DEVICE_LINK_SECRET_BYTES)) {
    throw new InvalidDeviceLinkError('secret must be 32 bytes');
  }
  if (!device) throw new InvalidDeviceLinkError('offeringDeviceId must be base64url of 32 bytes');
  if (!isUint32(offer.expiresAt)) throw new InvalidDeviceLinkError('expiresAt must be a uint32');

  const bytes = new Uint8Array(DEVICE_LINK_BYTES);
  bytes.set(offer.secret, DEVICE_LINK_FIELDS.secret.offset);
  bytes.set(device, DEVICE_LINK_FIELDS.offeringDeviceId.offset);
  new DataView(bytes.buffer).setUint32(DEVICE_LINK_FIELDS.expiresAt.offset, offer.expiresAt);
  const checksumAt = DEVICE_LINK_FIELDS.checksum.offset;
  bytes.set(computeDeviceLinkChecksum(bytes.subarray(0, checksumAt)), checksumAt);
  return bytes;
}

/**
 * The URL fragment (without `#`) that carries `offer`: `l1.` and the base64url of its 72 bytes,
 * 99 characters in all. It holds the rendezvous secret: never log it, never send it to a server.
 *
 * @example
 *   encodeDeviceLinkOffer(offer); // 'l1.q3Jx…'
 * @throws InvalidDeviceLinkError on an invalid offer; CryptoNotReadyError before `readyCrypto()`.
 */
export function encodeDeviceLinkOffer(offer: DeviceLinkOffer): string {
  return DEVICE_LINK_PREFIX + toBase64Url(encodeDeviceLinkOfferBytes(offer));
}
