import type { Invite } from './invite';
import { encodeInvite } from './encodeInvite';
import { joinUrl } from './joinUrl';

/**
 * The version-1 link to send to the partner: `${origin}/join#${fragment}`. The invite rides in
 * the fragment, which browsers never send to a server. `origin` must be a bare origin
 * (`https://trellis.example`, no path); a trailing slash is tolerated.
 *
 * @example
 *   buildInviteLink(location.origin, invite); // 'https://trellis.example/join#t1.q3Jx…'
 * @throws RangeError if `origin` is not an http(s) origin; InvalidInviteError on an invalid
 *   invite; CryptoNotReadyError before `readyCrypto()`.
 */
export function buildInviteLink(origin: string, invite: Invite): string {
  return joinUrl(origin, encodeInvite(invite));
}
