import { concatBytes } from '$lib/crypto';
import { BACKUP_AUTHENTICATED_HEADER_BYTES } from './backupLayout';

const DOMAIN = new TextEncoder().encode('trellis/backup/v1\0');

/**
 * The AEAD associated data of a backup: `"trellis/backup/v1\0"` | magic | version | salt |
 * parameters (the first 33 bytes of the file). The domain keeps a backup's ciphertext from being
 * opened as a locked vault or a wrapped key, and vice versa.
 *
 * @example
 *   backupAssociatedData(file); // 18 + 33 bytes
 */
export function backupAssociatedData(file: Uint8Array): Uint8Array {
  return concatBytes([DOMAIN, file.subarray(0, BACKUP_AUTHENTICATED_HEADER_BYTES)]);
}
