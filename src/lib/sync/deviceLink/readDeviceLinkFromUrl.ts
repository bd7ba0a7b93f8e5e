import { DEVICE_LINK_PATH } from './deviceLinkLayout';
import { parseDeviceLinkOffer, type ParseDeviceLinkResult } from './parseDeviceLinkOffer';

/**
 * Parses the offer in a link's fragment. A link with nothing after `/link#` was cut off at the
 * `#` (DEVICE_LINK_TRUNCATED); another URL without a fragment holds no offer
 * (DEVICE_LINK_EMPTY); text that is not a URL at all is DEVICE_LINK_NOT_TRELLIS. Never throws.
 *
 * @example
 *   const parsed = readDeviceLinkFromUrl(location.href);
 *   history.replaceState(null, '', location.pathname); // the secret leaves the address bar
 */
export function readDeviceLinkFromUrl(url: string | URL): ParseDeviceLinkResult {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, code: 'DEVICE_LINK_NOT_TRELLIS' };
  }
  const fragment = parsed.hash.slice(1);
  if (fragment.length === 0) {
    const cutAtHash =
      parsed.pathname === DEVICE_LINK_PATH || parsed.pathname === `${DEVICE_LINK_PATH}/`;
    return { ok: false, code: cutAtHash ? 'DEVICE_LINK_TRUNCATED' : 'DEVICE_LINK_EMPTY' };
  }
  return parseDeviceLinkOffer(fragment);
}
