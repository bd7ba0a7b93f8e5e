// A link body is checked from the outside in, after the prefix: characters Trellis never writes,
// then a body cut short, then a changed character. The length and the checksum are parameters so
// the check reads as the layout it applies, not as one more copy of its numbers.
import { fromBase64Url } from '$lib/crypto';
import type { InviteParseErrorCode } from './inviteErrors';

/** Only the RFC 4648 §5 alphabet, no padding: anything else was not written by Trellis. */
const BASE64URL_BODY = /^[A-Za-z0-9_-]*$/;

/**
 * The bytes of a link body of exactly `bodyChars` characters whose checksum holds, or the code
 * that says why not. Never throws.
 *
 * @example
 *   const bytes = decodeInviteBody(body, INVITE_OFFER_BODY_CHARS, hasValidInviteOfferChecksum);
 *   if (typeof bytes === 'string') return { ok: false, code: bytes };
 */
export function decodeInviteBody(
  body: string,
  bodyChars: number,
  hasValidChecksum: (bytes: Uint8Array) => boolean,
): Uint8Array | InviteParseErrorCode {
  if (!BASE64URL_BODY.test(body) || body.length > bodyChars) return 'INVITE_MALFORMED';
  const bytes = fromBase64Url(body);
  if (body.length < bodyChars) {
    // A shorter body whose own checksum holds is a whole link with wrong field sizes, not a
    // cut-off one; anything else shorter was cut off.
    return bytes && hasValidChecksum(bytes) ? 'INVITE_MALFORMED' : 'INVITE_TRUNCATED';
  }
  // Whole base64url groups always decode; the check keeps the types honest.
  if (!bytes || !hasValidChecksum(bytes)) return 'INVITE_DAMAGED';
  return bytes;
}
