import { parseInvite, type ParseInviteResult } from './parseInvite';

/**
 * Parses the invite in a link's fragment. A link with nothing after `/join#` was cut off at the
 * `#` (INVITE_TRUNCATED); another URL without a fragment holds no invite (INVITE_EMPTY); text
 * that is not a URL at all is INVITE_NOT_TRELLIS. Never throws.
 *
 * @example
 *   const parsed = readInviteFromUrl(location.href);
 *   history.replaceState(null, '', location.pathname); // the key leaves the address bar
 */
export function readInviteFromUrl(url: string | URL): ParseInviteResult {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, code: 'INVITE_NOT_TRELLIS' };
  }
  const fragment = parsed.hash.slice(1);
  if (fragment.length === 0) {
    const cutAtHash = parsed.pathname === '/join' || parsed.pathname === '/join/';
    return { ok: false, code: cutAtHash ? 'INVITE_TRUNCATED' : 'INVITE_EMPTY' };
  }
  return parseInvite(fragment);
}
