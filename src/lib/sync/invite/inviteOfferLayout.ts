// The version-2 invite link's one binary layout (docs/PROTOCOL.md, "Invite (version 2)"). It
// holds only what finds the inviter and checks their answer: no workspace id, no key, no device.
// Fixed field sizes give an offer exactly one parse, and 90 bytes are a whole number of base64url
// groups (120 characters, no partial group), so every character carries six bits of the offer
// and the checksum catches any changed one.
import { SIGNING_PUBLIC_KEY_BYTES, SYMMETRIC_KEY_BYTES } from '$lib/crypto';
import { INVITE_CHECKSUM_BYTES, INVITE_ID_BYTES } from './inviteLayout';

/** The offer version this code writes; also the first byte of the offer. */
export const INVITE_OFFER_VERSION = 2;

/** What every version-2 fragment starts with: `i` (invite), the version in decimal, a dot. */
export const INVITE_OFFER_PREFIX = `i${INVITE_OFFER_VERSION}.`;

/** Bytes of the rendezvous secret. */
export const INVITE_OFFER_SECRET_BYTES = SYMMETRIC_KEY_BYTES;

/** How long an offer lasts unless the caller says otherwise: seven days. */
export const DEFAULT_INVITE_OFFER_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** Byte offsets and sizes of the fields. */
export const INVITE_OFFER_FIELDS = {
  version: { offset: 0, bytes: 1 },
  secret: { offset: 1, bytes: INVITE_OFFER_SECRET_BYTES },
  inviterPersonId: { offset: 33, bytes: SIGNING_PUBLIC_KEY_BYTES },
  inviteId: { offset: 65, bytes: INVITE_ID_BYTES },
  inviterRole: { offset: 81, bytes: 1 },
  expiresAt: { offset: 82, bytes: 4 },
  checksum: { offset: 86, bytes: INVITE_CHECKSUM_BYTES },
} as const;

/** Bytes in an encoded offer, checksum included. */
export const INVITE_OFFER_BYTES = 90;

/** base64url characters after the prefix. */
export const INVITE_OFFER_BODY_CHARS = (INVITE_OFFER_BYTES / 3) * 4;
