// The checksum is unkeyed on purpose: it must be checkable without the passphrase, so that a
// damaged file is reported as damaged rather than as a wrong passphrase (which would send the
// person hunting for a passphrase that was right all along). It protects nothing against an
// attacker, who can recompute it; the AEAD does that.
import { concatBytes, hashBytes } from '$lib/crypto';
import { BACKUP_FIELDS } from './backupLayout';

const DOMAIN = new TextEncoder().encode('trellis/backup-checksum/v1\0');
const { offset: CHECKSUM_AT, bytes: CHECKSUM_BYTES } = BACKUP_FIELDS.checksum;

/**
 * BLAKE2b-256(`"trellis/backup-checksum/v1\0"` | every byte of the file except the checksum
 * field). `file` must be at least as long as the header.
 *
 * @example
 *   file.set(computeBackupChecksum(file), BACKUP_FIELDS.checksum.offset);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function computeBackupChecksum(file: Uint8Array): Uint8Array {
  return hashBytes(
    concatBytes([
      DOMAIN,
      file.subarray(0, CHECKSUM_AT),
      file.subarray(CHECKSUM_AT + CHECKSUM_BYTES),
    ]),
    CHECKSUM_BYTES,
  );
}

/**
 * Whether the file's checksum field matches its other bytes. Never throws on a file at least as
 * long as the header.
 *
 * @example
 *   if (!hasValidBackupChecksum(file)) return { ok: false, code: 'BACKUP_DAMAGED' };
 */
export function hasValidBackupChecksum(file: Uint8Array): boolean {
  const expected = computeBackupChecksum(file);
  return expected.every((byte, index) => byte === file[CHECKSUM_AT + index]);
}
