import type { Invite } from './invite';
import { encodeInvite } from './encodeInvite';

/**
 * The link to send to the partner: `${origin}/join#${fragment}`. The invite rides in the
 * fragment, which browsers never send to a server. `origin` must be a bare origin
 * (`https://trellis.example`, no path); a trailing slash is tolerated.
 *
 * @example
 *   buildInviteLink(location.origin, invite); // 'https://trellis.example/join#t1.q3Jx…'
 * @throws RangeError if `origin` is not an http(s) origin; InvalidInviteError on an invalid
 *   invite; CryptoNotReadyError before `readyCrypto()`.
 */
export function buildInviteLink(origin: string, invite: Invite): string {
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    throw new RangeError('buildInviteLink: origin is not a URL');
  }
  if (
    (base.protocol !== 'https:' && base.protocol !== 'http:') ||
    base.href !== `${base.origin}/`
  ) {
    throw new RangeError('buildInviteLink: origin must be a bare http(s) origin, with no path');
  }
  return `${base.origin}/join#${encodeInvite(invite)}`;
}
