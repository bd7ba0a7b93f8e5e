import { encodeInviteOffer } from './encodeInviteOffer';
import type { InviteOffer } from './inviteOffer';
import { joinUrl } from './joinUrl';

/**
 * The version-2 link to send to the partner (or show as a QR code): `${origin}/join#i2.…`. The
 * offer rides in the fragment, which browsers never send to a server. `origin` must be a bare
 * http(s) origin; a trailing slash is tolerated.
 *
 * @example
 *   buildInviteOfferLink(location.origin, offer); // 'https://trellis.example/join#i2.AhAR…'
 * @throws RangeError if `origin` is not a bare http(s) origin; InvalidInviteError on an invalid
 *   offer; CryptoNotReadyError before `readyCrypto()`.
 */
export function buildInviteOfferLink(origin: string, offer: InviteOffer): string {
  return joinUrl(origin, encodeInviteOffer(offer));
}
