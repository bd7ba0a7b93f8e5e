// Every way a device link can be refused, in one union. All but the last come from the fragment
// alone (`parseDeviceLinkOffer`); expiry needs the clock (`checkDeviceLinkUsable`).

/** Why a device-link fragment could not be read. */
export type DeviceLinkParseErrorCode =
  /** Nothing after the `#`. */
  | 'DEVICE_LINK_EMPTY'
  /** A pair invite (`i2.…`, or a retired `t1.…`) opened where a device link was expected. */
  | 'DEVICE_LINK_IS_INVITE'
  /** Not a Trellis device link: another prefix. */
  | 'DEVICE_LINK_NOT_TRELLIS'
  /** A device link of a version this code does not read. */
  | 'DEVICE_LINK_UNSUPPORTED_VERSION'
  /** Shorter than a link: cut off when it was copied. */
  | 'DEVICE_LINK_TRUNCATED'
  /** The right length, but the checksum does not match: a character was changed. */
  | 'DEVICE_LINK_DAMAGED'
  /** Not a valid layout: extra or foreign characters, bad fields. */
  | 'DEVICE_LINK_MALFORMED';

/** Why a well-formed device link may not be used. */
export type DeviceLinkUsabilityErrorCode =
  /** Its expiry has passed. */
  'DEVICE_LINK_EXPIRED';

/** Every reason a device link is refused. */
export type DeviceLinkErrorCode = DeviceLinkParseErrorCode | DeviceLinkUsabilityErrorCode;

/** Every code, in check order; lets tests and the UI enumerate them. */
export const DEVICE_LINK_ERROR_CODES = [
  'DEVICE_LINK_EMPTY',
  'DEVICE_LINK_IS_INVITE',
  'DEVICE_LINK_NOT_TRELLIS',
  'DEVICE_LINK_UNSUPPORTED_VERSION',
  'DEVICE_LINK_TRUNCATED',
  'DEVICE_LINK_DAMAGED',
  'DEVICE_LINK_MALFORMED',
  'DEVICE_LINK_EXPIRED',
] as const satisfies readonly DeviceLinkErrorCode[];
