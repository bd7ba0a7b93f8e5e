import { DEVICE_LINK_PATH } from './deviceLinkLayout';
import type { DeviceLinkOffer } from './deviceLinkOffer';
import { encodeDeviceLinkOffer } from './encodeDeviceLinkOffer';

/**
 * The link the old device shows: `${origin}/link#${code}`. The offer rides in the fragment,
 * which browsers never send to a server. `origin` must be a bare http(s) origin; a trailing
 * slash is tolerated.
 *
 * @example
 *   buildDeviceLinkUrl(location.origin, offer); // 'https://trellis.example/link#l1.q3Jx…'
 * @throws RangeError if `origin` is not a bare http(s) origin; InvalidDeviceLinkError on an
 *   invalid offer; CryptoNotReadyError before `readyCrypto()`.
 */
export function buildDeviceLinkUrl(origin: string, offer: DeviceLinkOffer): string {
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    throw new RangeError('buildDeviceLinkUrl: origin is not a URL');
  }
  if (
    (base.protocol !== 'https:' && base.protocol !== 'http:') ||
    base.href !== `${base.origin}/`
  ) {
    throw new RangeError('buildDeviceLinkUrl: origin must be a bare http(s) origin, with no path');
  }
  return `${base.origin}${DEVICE_LINK_PATH}#${encodeDeviceLinkOffer(offer)}`;
}
