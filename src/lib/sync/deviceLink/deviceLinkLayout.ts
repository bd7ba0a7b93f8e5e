// The offer's one binary layout, version 1. Fixed field sizes give an offer exactly one parse,
// and 72 bytes are a whole number of base64url groups (96 characters, no partial group), so every
// character carries six bits of the offer and the checksum catches any changed one.
import { SIGNING_PUBLIC_KEY_BYTES, SYMMETRIC_KEY_BYTES } from '$lib/crypto';

/** The only offer version this code reads and writes. */
export const DEVICE_LINK_VERSION = 1;

/** What every version-1 fragment starts with: `l` (link), the version in decimal, a dot. */
export const DEVICE_LINK_PREFIX = `l${DEVICE_LINK_VERSION}.`;

/** Bytes of the rendezvous secret. */
export const DEVICE_LINK_SECRET_BYTES = SYMMETRIC_KEY_BYTES;

/** Bytes of the checksum at the end of the offer. */
export const DEVICE_LINK_CHECKSUM_BYTES = 4;

/** How long an offer lasts unless the caller says otherwise: ten minutes. */
export const DEFAULT_DEVICE_LINK_LIFETIME_SECONDS = 600;

/** Byte offsets and sizes of the fields. */
export const DEVICE_LINK_FIELDS = {
  secret: { offset: 0, bytes: DEVICE_LINK_SECRET_BYTES },
  offeringDeviceId: { offset: 32, bytes: SIGNING_PUBLIC_KEY_BYTES },
  expiresAt: { offset: 64, bytes: 4 },
  checksum: { offset: 68, bytes: DEVICE_LINK_CHECKSUM_BYTES },
} as const;

/** Bytes in an encoded offer, checksum included. */
export const DEVICE_LINK_BYTES = 72;

/** base64url characters after the prefix. */
export const DEVICE_LINK_BODY_CHARS = (DEVICE_LINK_BYTES / 3) * 4;

/** The path the link opens in the app. */
export const DEVICE_LINK_PATH = '/link';
