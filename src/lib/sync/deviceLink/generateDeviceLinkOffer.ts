import { randomBytes, type DeviceId } from '$lib/crypto';
import {
  DEFAULT_DEVICE_LINK_LIFETIME_SECONDS,
  DEVICE_LINK_SECRET_BYTES,
  DEVICE_LINK_VERSION,
} from './deviceLinkLayout';
import { InvalidDeviceLinkError, type DeviceLinkOffer } from './deviceLinkOffer';

/**
 * A fresh offer with a random rendezvous secret, valid for `lifetimeSeconds` (default 600) from
 * `now` (unix seconds). A short life bounds how long a photographed QR code is worth anything.
 *
 * @example
 *   const offer = generateDeviceLinkOffer({ offeringDeviceId: me.deviceId, now: nowSeconds });
 *   const url = buildDeviceLinkUrl(location.origin, offer);
 * @throws InvalidDeviceLinkError if the expiry would not be a uint32; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function generateDeviceLinkOffer(input: {
  offeringDeviceId: DeviceId;
  now: number;
  lifetimeSeconds?: number;
}): DeviceLinkOffer {
  const lifetime = input.lifetimeSeconds ?? DEFAULT_DEVICE_LINK_LIFETIME_SECONDS;
  const expiresAt = Math.floor(input.now) + lifetime;
  if (!Number.isInteger(lifetime) || lifetime <= 0) {
    throw new InvalidDeviceLinkError('lifetimeSeconds must be a positive integer');
  }
  if (!Number.isInteger(expiresAt) || expiresAt < 0 || expiresAt > 0xffff_ffff) {
    throw new InvalidDeviceLinkError('expiresAt must be a uint32');
  }
  return {
    version: DEVICE_LINK_VERSION,
    secret: randomBytes(DEVICE_LINK_SECRET_BYTES),
    offeringDeviceId: input.offeringDeviceId,
    expiresAt,
  };
}
