import type { DeviceLinkUsabilityErrorCode } from './deviceLinkErrors';
import type { DeviceLinkOffer } from './deviceLinkOffer';

/**
 * Whether a parsed offer may be used at `now` (unix seconds). It expires at `expiresAt` exactly;
 * a `now` that is not a number counts as expired, so a broken clock fails closed. Both devices
 * check: the new one before it knocks, the old one before it answers a request.
 *
 * @example
 *   const usable = checkDeviceLinkUsable(offer, { now: Math.floor(Date.now() / 1000) });
 *   if (!usable.ok) return show(deviceLinkErrorMessage(usable.code));
 */
export function checkDeviceLinkUsable(
  offer: DeviceLinkOffer,
  context: { now: number },
): { ok: true } | { ok: false; code: DeviceLinkUsabilityErrorCode } {
  if (!(context.now < offer.expiresAt)) return { ok: false, code: 'DEVICE_LINK_EXPIRED' };
  return { ok: true };
}
