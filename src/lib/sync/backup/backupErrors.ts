// Every way a backup can be refused, in one union (documented in docs/PROTOCOL.md). Damage and
// a wrong passphrase are told apart by the unkeyed checksum: a file whose checksum holds was not
// damaged, so a failed decryption means the passphrase is wrong.

/** Why a backup did not open. */
export type BackupErrorCode =
  /** Not a Trellis backup at all (does not start with `TRLSBAK1`, or is empty). */
  | 'NOT_A_BACKUP'
  /** A Trellis backup of a version this code does not read. */
  | 'UNSUPPORTED_VERSION'
  /** Truncated, extended or changed: the checksum or the layout does not hold. */
  | 'BACKUP_DAMAGED'
  /** Intact, but the passphrase does not open it. */
  | 'WRONG_PASSPHRASE';

/** Every code, in check order. */
export const BACKUP_ERROR_CODES = [
  'NOT_A_BACKUP',
  'UNSUPPORTED_VERSION',
  'BACKUP_DAMAGED',
  'WRONG_PASSPHRASE',
] as const satisfies readonly BackupErrorCode[];
