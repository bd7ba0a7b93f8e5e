// The URL around an invite: `/join`, with the invite in the fragment, which browsers never send to
// a server. The builder and the reader live together so they agree on the path; what the fragment
// holds is `parseInviteOffer`'s business.
import type { InviteParseErrorCode } from './inviteErrors';
import { INVITE_PATH } from './inviteLayout';

/**
 * The fragment of an invite URL, or the code that says why there is none: text that is not a
 * URL is INVITE_NOT_TRELLIS; `/join` with nothing after `#` was cut off (INVITE_TRUNCATED);
 * another URL without a fragment holds no invite (INVITE_EMPTY). Never throws.
 *
 * @example
 *   const fragment = joinFragmentOf(location.href);
 *   if (fragment.ok) parseInviteOffer(fragment.fragment);
 */
export function joinFragmentOf(
  url: string | URL,
): { ok: true; fragment: string } | { ok: false; code: InviteParseErrorCode } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, code: 'INVITE_NOT_TRELLIS' };
  }
  const fragment = parsed.hash.slice(1);
  if (fragment.length > 0) return { ok: true, fragment };
  const cutAtHash = parsed.pathname === INVITE_PATH || parsed.pathname === `${INVITE_PATH}/`;
  return { ok: false, code: cutAtHash ? 'INVITE_TRUNCATED' : 'INVITE_EMPTY' };
}

/**
 * `${origin}/join#${fragment}`. `origin` must be a bare http(s) origin; a trailing slash is
 * tolerated.
 *
 * @example
 *   joinUrl('https://trellis.example', 'i2.Ah…'); // 'https://trellis.example/join#i2.Ah…'
 * @throws RangeError if `origin` is not a bare http(s) origin.
 */
export function joinUrl(origin: string, fragment: string): string {
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    throw new RangeError('invite link: origin is not a URL');
  }
  if (
    (base.protocol !== 'https:' && base.protocol !== 'http:') ||
    base.href !== `${base.origin}/`
  ) {
    throw new RangeError('invite link: origin must be a bare http(s) origin, with no path');
  }
  return `${base.origin}${INVITE_PATH}#${fragment}`;
}
