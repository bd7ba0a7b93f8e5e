import { joinFragmentOf } from './joinUrl';
import { parseInviteOffer, type ParseInviteOfferResult } from './parseInviteOffer';

/**
 * Parses the version-2 offer in a link's fragment; a version-1 link is INVITE_OLD_VERSION. A
 * link with nothing after `/join#` was cut off at the `#` (INVITE_TRUNCATED); another URL
 * without a fragment holds no invite (INVITE_EMPTY); text that is not a URL at all is
 * INVITE_NOT_TRELLIS. Never throws.
 *
 * @example
 *   const parsed = readInviteOfferFromUrl(location.href);
 *   history.replaceState(null, '', location.pathname); // the secret leaves the address bar
 */
export function readInviteOfferFromUrl(url: string | URL): ParseInviteOfferResult {
  const found = joinFragmentOf(url);
  return found.ok ? parseInviteOffer(found.fragment) : found;
}
