// Every way an invite can be refused, in one union (documented in docs/PROTOCOL.md). The first
// seven come from the fragment alone (`parseInviteOffer`); the last two need the inviter's state
// or the clock (`checkInviteOfferUsable`).

/** Why an invite fragment could not be read. */
export type InviteParseErrorCode =
  /** Nothing after the `#`. */
  | 'INVITE_EMPTY'
  /** Not a Trellis invite: another prefix. */
  | 'INVITE_NOT_TRELLIS'
  /** A Trellis invite of a version this code does not read. */
  | 'INVITE_UNSUPPORTED_VERSION'
  /** A retired version-1 invite (`t1.…`, which carried the workspace key): no longer read. */
  | 'INVITE_OLD_VERSION'
  /** Shorter than an invite: cut off when it was copied. */
  | 'INVITE_TRUNCATED'
  /** The right length, but the checksum does not match: a character was changed. */
  | 'INVITE_DAMAGED'
  /** Intact by its checksum or its length, but not a valid layout (extra characters, bad fields). */
  | 'INVITE_MALFORMED';

/** Why a well-formed invite may not be used. */
export type InviteUsabilityErrorCode =
  /** Its expiry has passed. */
  | 'INVITE_EXPIRED'
  /** The inviter revoked it, or it was already used (invites are single-use). */
  | 'INVITE_REVOKED';

/** Every reason an invite is refused. */
export type InviteErrorCode = InviteParseErrorCode | InviteUsabilityErrorCode;

/** Every code, in check order; lets tests and the UI enumerate them. */
export const INVITE_ERROR_CODES = [
  'INVITE_EMPTY',
  'INVITE_NOT_TRELLIS',
  'INVITE_UNSUPPORTED_VERSION',
  'INVITE_OLD_VERSION',
  'INVITE_TRUNCATED',
  'INVITE_DAMAGED',
  'INVITE_MALFORMED',
  'INVITE_REVOKED',
  'INVITE_EXPIRED',
] as const satisfies readonly InviteErrorCode[];
