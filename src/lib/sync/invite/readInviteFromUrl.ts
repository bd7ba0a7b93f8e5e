import { joinFragmentOf } from './joinUrl';
import { parseInvite, type ParseInviteResult } from './parseInvite';

/**
 * Parses the version-1 invite in a link's fragment. A link with nothing after `/join#` was cut
 * off at the `#` (INVITE_TRUNCATED); another URL without a fragment holds no invite
 * (INVITE_EMPTY); text that is not a URL at all is INVITE_NOT_TRELLIS. Never throws.
 *
 * @example
 *   const parsed = readInviteFromUrl(location.href);
 *   history.replaceState(null, '', location.pathname); // the key leaves the address bar
 */
export function readInviteFromUrl(url: string | URL): ParseInviteResult {
  const found = joinFragmentOf(url);
  return found.ok ? parseInvite(found.fragment) : found;
}
