// Parsing runs from the outside in so that each failure gets the most helpful message: nothing
// at all, then a pair invite or someone else's text, then a newer version, then characters
// Trellis never writes, then a link cut short, then a changed character. Whitespace anywhere is
// dropped first (a code typed or pasted from a wrapped line), and a leading `#` is optional.
// Nothing here throws: the text is whatever a URL or a paste box held.
import { deviceIdOf, fromBase64Url, type SigningPublicKey } from '$lib/crypto';
import { OLD_INVITE_PREFIX } from '../invite/inviteLayout';
import { INVITE_OFFER_PREFIX } from '../invite/inviteOfferLayout';
import { hasValidDeviceLinkChecksum } from './deviceLinkChecksum';
import type { DeviceLinkErrorCode, DeviceLinkParseErrorCode } from './deviceLinkErrors';
import {
  DEVICE_LINK_BODY_CHARS,
  DEVICE_LINK_FIELDS,
  DEVICE_LINK_PREFIX,
  DEVICE_LINK_VERSION,
} from './deviceLinkLayout';
import type { DeviceLinkOffer } from './deviceLinkOffer';

/** The outcome of `parseDeviceLinkOffer` and `readDeviceLinkFromUrl`. */
export type ParseDeviceLinkResult =
  { ok: true; offer: DeviceLinkOffer } | { ok: false; code: DeviceLinkErrorCode };

const BASE64URL_BODY = /^[A-Za-z0-9_-]*$/;
const PREFIX_PATTERN = /^l([0-9]+)\./;
const WHITESPACE = /\s+/gu;

const fail = (code: DeviceLinkParseErrorCode): ParseDeviceLinkResult => ({ ok: false, code });

function decodeFields(bytes: Uint8Array): ParseDeviceLinkResult {
  const field = (name: keyof typeof DEVICE_LINK_FIELDS) =>
    bytes.slice(
      DEVICE_LINK_FIELDS[name].offset,
      DEVICE_LINK_FIELDS[name].offset + DEVICE_LINK_FIELDS[name].bytes,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    ok: true,
    offer: {
      version: DEVICE_LINK_VERSION,
      secret: field('secret'),
      offeringDeviceId: deviceIdOf(field('offeringDeviceId') as SigningPublicKey),
      expiresAt: view.getUint32(DEVICE_LINK_FIELDS.expiresAt.offset),
    },
  };
}

/**
 * Parses an untrusted device-link code: the fragment of the link, with or without its `#`,
 * whitespace anywhere ignored. Checks, in order: empty, prefix, version, characters, length,
 * checksum. Expiry is `checkDeviceLinkUsable`'s job. Never throws.
 *
 * @example
 *   const parsed = parseDeviceLinkOffer(pastedText);
 *   if (!parsed.ok) return show(deviceLinkErrorMessage(parsed.code));
 */
export function parseDeviceLinkOffer(code: unknown): ParseDeviceLinkResult {
  if (typeof code !== 'string') return fail('DEVICE_LINK_MALFORMED');
  const compact = code.replace(WHITESPACE, '');
  const text = compact.startsWith('#') ? compact.slice(1) : compact;
  if (text.length === 0) return fail('DEVICE_LINK_EMPTY');
  const prefix = PREFIX_PATTERN.exec(text);
  if (!prefix) {
    if (text.startsWith(OLD_INVITE_PREFIX) || text.startsWith(INVITE_OFFER_PREFIX)) {
      return fail('DEVICE_LINK_IS_INVITE');
    }
    // 'l' or 'l1': the link was cut off inside the prefix.
    return DEVICE_LINK_PREFIX.startsWith(text)
      ? fail('DEVICE_LINK_TRUNCATED')
      : fail('DEVICE_LINK_NOT_TRELLIS');
  }
  if (prefix[1] !== String(DEVICE_LINK_VERSION)) return fail('DEVICE_LINK_UNSUPPORTED_VERSION');
  const body = text.slice(prefix[0].length);
  if (!BASE64URL_BODY.test(body)) return fail('DEVICE_LINK_MALFORMED');
  if (body.length > DEVICE_LINK_BODY_CHARS) return fail('DEVICE_LINK_MALFORMED');
  const bytes = fromBase64Url(body);
  if (body.length < DEVICE_LINK_BODY_CHARS) {
    // A shorter body whose own checksum holds is a whole offer of another layout, not a cut-off
    // one; anything else shorter was cut off.
    return bytes && hasValidDeviceLinkChecksum(bytes)
      ? fail('DEVICE_LINK_MALFORMED')
      : fail('DEVICE_LINK_TRUNCATED');
  }
  // 96 characters are whole groups, so they always decode; the check keeps the types honest.
  if (!bytes || !hasValidDeviceLinkChecksum(bytes)) return fail('DEVICE_LINK_DAMAGED');
  return decodeFields(bytes);
}
