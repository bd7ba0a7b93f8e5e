// The backup file's one binary layout (docs/PROTOCOL.md), version 1:
//
//   magic(8) | version(1) | salt(16) | opslimit(4) | memlimit(4) | nonce(24) | checksum(32)
//   | ciphertext(16 + 1024·n, n ≥ 1)
//
// The file describes itself (what it is, which version, how its key was derived), so it opens on
// a new device that knows nothing but the passphrase.
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, PASSPHRASE_SALT_BYTES } from '$lib/crypto';

/** The first 8 bytes of every backup: ASCII `TRLSBAK1`. */
export const BACKUP_MAGIC = new TextEncoder().encode('TRLSBAK1');

/** The only backup version this code reads and writes. */
export const BACKUP_VERSION = 1;

/** Byte offsets and sizes of the header fields. */
export const BACKUP_FIELDS = {
  magic: { offset: 0, bytes: 8 },
  version: { offset: 8, bytes: 1 },
  salt: { offset: 9, bytes: PASSPHRASE_SALT_BYTES },
  opslimit: { offset: 25, bytes: 4 },
  memlimit: { offset: 29, bytes: 4 },
  nonce: { offset: 33, bytes: AEAD_NONCE_BYTES },
  checksum: { offset: 57, bytes: 32 },
} as const;

/**
 * Bytes before the nonce (magic, version, salt, parameters): the AEAD's associated data after a
 * domain prefix. The nonce needs no place there: a changed nonce fails the tag check anyway.
 */
export const BACKUP_AUTHENTICATED_HEADER_BYTES = BACKUP_FIELDS.nonce.offset;

/** Bytes before the ciphertext. */
export const BACKUP_HEADER_BYTES = 89;

/**
 * The padding block of the payload: a backup's size tells only how many KiB its identity and
 * pairs fill, not how many pairs there are exactly.
 */
export const BACKUP_PAD_BLOCK = 1024;

/** The shortest valid backup: one padding block of payload. */
export const BACKUP_MIN_BYTES = BACKUP_HEADER_BYTES + AEAD_TAG_BYTES + BACKUP_PAD_BLOCK;

/**
 * Whether a backup of `length` bytes has a ciphertext that padding could have produced.
 *
 * @example
 *   hasValidBackupLength(file.length); // false for a truncated or extended file
 */
export function hasValidBackupLength(length: number): boolean {
  const padded = length - BACKUP_HEADER_BYTES - AEAD_TAG_BYTES;
  return padded >= BACKUP_PAD_BLOCK && padded % BACKUP_PAD_BLOCK === 0;
}
