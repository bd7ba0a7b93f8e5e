// Parsing runs from the outside in so that each failure gets the most helpful message: nothing
// at all, then someone else's link, then an old (key-carrying) or newer version, then characters
// Trellis never writes, then a link cut short, then a changed character, and only then a layout
// no Trellis ever wrote. Nothing here throws: the fragment is whatever a URL or a paste box held.
import { toBase64Url, type PersonId } from '$lib/crypto';
import { decodeInviteBody } from './decodeInviteBody';
import type { InviteId } from './invite';
import { hasValidInviteOfferChecksum } from './inviteChecksum';
import type { InviteParseErrorCode } from './inviteErrors';
import { OLD_INVITE_PREFIX, roleOfByte } from './inviteLayout';
import type { InviteOffer } from './inviteOffer';
import { offerField } from './inviteOfferFields';
import {
  INVITE_OFFER_BODY_CHARS,
  INVITE_OFFER_FIELDS,
  INVITE_OFFER_PREFIX,
  INVITE_OFFER_VERSION,
} from './inviteOfferLayout';

/** The outcome of `parseInviteOffer` and `readInviteOfferFromUrl`. */
export type ParseInviteOfferResult =
  { ok: true; offer: InviteOffer } | { ok: false; code: InviteParseErrorCode };

/** A letter, a version in decimal, a dot: `i2.` today, `t1.` for the old key-carrying links. */
const PREFIX_PATTERN = /^([a-z])([0-9]+)\./;

const fail = (code: InviteParseErrorCode): ParseInviteOfferResult => ({ ok: false, code });

function decodeFields(bytes: Uint8Array): ParseInviteOfferResult {
  const inviterRole = roleOfByte(bytes[INVITE_OFFER_FIELDS.inviterRole.offset]);
  // The checksum covers the version byte, so only a hand-made body can get here with another.
  if (bytes[INVITE_OFFER_FIELDS.version.offset] !== INVITE_OFFER_VERSION || !inviterRole) {
    return fail('INVITE_MALFORMED');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    ok: true,
    offer: {
      version: INVITE_OFFER_VERSION,
      secret: offerField(bytes, 'secret'),
      inviterPersonId: toBase64Url(offerField(bytes, 'inviterPersonId')) as PersonId,
      inviteId: toBase64Url(offerField(bytes, 'inviteId')) as InviteId,
      inviterRole,
      expiresAt: view.getUint32(INVITE_OFFER_FIELDS.expiresAt.offset),
    },
  };
}

/**
 * Parses an untrusted version-2 invite fragment (the part after `#`, without it). Checks, in
 * order: empty, prefix (a `t1.` link is INVITE_OLD_VERSION), version, characters, length,
 * checksum, fields. Expiry is `checkInviteOfferUsable`'s job. Never throws.
 *
 * @example
 *   const parsed = parseInviteOffer(location.hash.slice(1));
 *   if (!parsed.ok) return show(inviteErrorMessage(parsed.code));
 */
export function parseInviteOffer(fragment: unknown): ParseInviteOfferResult {
  if (typeof fragment !== 'string') return fail('INVITE_MALFORMED');
  if (fragment.length === 0) return fail('INVITE_EMPTY');
  const prefix = PREFIX_PATTERN.exec(fragment);
  if (!prefix) {
    // 'i' or 'i2': the link was cut off inside the prefix.
    return INVITE_OFFER_PREFIX.startsWith(fragment)
      ? fail('INVITE_TRUNCATED')
      : fail('INVITE_NOT_TRELLIS');
  }
  if (prefix[0] === OLD_INVITE_PREFIX) return fail('INVITE_OLD_VERSION');
  if (prefix[1] !== INVITE_OFFER_PREFIX[0]) return fail('INVITE_NOT_TRELLIS');
  if (prefix[2] !== String(INVITE_OFFER_VERSION)) return fail('INVITE_UNSUPPORTED_VERSION');
  const bytes = decodeInviteBody(
    fragment.slice(prefix[0].length),
    INVITE_OFFER_BODY_CHARS,
    hasValidInviteOfferChecksum,
  );
  return typeof bytes === 'string' ? fail(bytes) : decodeFields(bytes);
}
