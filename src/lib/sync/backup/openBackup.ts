// Opening checks, in order, what needs no passphrase (is it a backup, which version, is it
// intact) before the one expensive step, so a damaged or foreign file is reported at once and
// for what it is. Only a file that passed its checksum reaches Argon2id, and only with
// parameters between the floor and the ceiling.
import {
  AEAD_NONCE_BYTES,
  decryptAead,
  derivePassphraseKey,
  isAcceptedPassphraseParams,
  unpadPlaintext,
  type UnsafeTestOnlyParams,
} from '$lib/crypto';
import { backupAssociatedData } from './backupAssociatedData';
import { hasValidBackupChecksum } from './backupChecksum';
import type { BackupErrorCode } from './backupErrors';
import {
  BACKUP_FIELDS,
  BACKUP_HEADER_BYTES,
  BACKUP_MAGIC,
  BACKUP_PAD_BLOCK,
  BACKUP_VERSION,
  hasValidBackupLength,
} from './backupLayout';

/** The outcome of `openBackup`. */
export type OpenBackupResult =
  { ok: true; payload: Uint8Array } | { ok: false; code: BackupErrorCode };

const fail = (code: BackupErrorCode): OpenBackupResult => ({ ok: false, code });

/** Whether the file starts like a backup: the magic, or (if shorter) a prefix of it. */
function startsWithMagic(file: Uint8Array): boolean {
  const length = Math.min(file.length, BACKUP_MAGIC.length);
  for (let index = 0; index < length; index += 1) {
    if (file[index] !== BACKUP_MAGIC[index]) return false;
  }
  return true;
}

/**
 * Opens a backup file made by `sealBackup`. Checks, in order: magic (NOT_A_BACKUP), version
 * (UNSUPPORTED_VERSION), length, checksum and parameters (BACKUP_DAMAGED), then derives the key
 * and decrypts (WRONG_PASSPHRASE). Never throws on any file.
 *
 * @example
 *   const opened = openBackup({ file: new Uint8Array(await picked.arrayBuffer()), passphrase });
 *   if (!opened.ok) return show(opened.code);
 *   restore(opened.payload);
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the device cannot allocate
 *   the file's memlimit (at most the ceiling, 256 MiB).
 */
export function openBackup(input: {
  file: unknown;
  passphrase: string;
  allowUnsafeTestParams?: UnsafeTestOnlyParams;
}): OpenBackupResult {
  const { file, passphrase, allowUnsafeTestParams } = input;
  if (!(file instanceof Uint8Array) || file.length === 0 || !startsWithMagic(file)) {
    return fail('NOT_A_BACKUP');
  }
  const versionAt = BACKUP_FIELDS.version.offset;
  // Version before length: a future version may have another layout, and should say so.
  if (file.length <= versionAt) return fail('BACKUP_DAMAGED');
  if (file[versionAt] !== BACKUP_VERSION) return fail('UNSUPPORTED_VERSION');
  if (!hasValidBackupLength(file.length) || !hasValidBackupChecksum(file)) {
    return fail('BACKUP_DAMAGED');
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const params = {
    opslimit: view.getUint32(BACKUP_FIELDS.opslimit.offset),
    memlimit: view.getUint32(BACKUP_FIELDS.memlimit.offset),
  };
  // Trellis never writes parameters outside the range, so such a file was not made by it.
  if (!isAcceptedPassphraseParams(params, allowUnsafeTestParams)) return fail('BACKUP_DAMAGED');
  const saltAt = BACKUP_FIELDS.salt.offset;
  const key = derivePassphraseKey({
    passphrase,
    salt: file.subarray(saltAt, saltAt + BACKUP_FIELDS.salt.bytes),
    params,
    allowUnsafeTestParams,
  });
  try {
    const nonceAt = BACKUP_FIELDS.nonce.offset;
    const decrypted = decryptAead({
      nonce: file.subarray(nonceAt, nonceAt + AEAD_NONCE_BYTES),
      ciphertext: file.subarray(BACKUP_HEADER_BYTES),
      associatedData: backupAssociatedData(file),
      key,
    });
    if (!decrypted.ok) return fail('WRONG_PASSPHRASE');
    const unpadded = unpadPlaintext(decrypted.plaintext, BACKUP_PAD_BLOCK);
    // Authentic but badly padded: only a writer holding the passphrase could make this.
    return unpadded.ok ? { ok: true, payload: unpadded.data } : fail('BACKUP_DAMAGED');
  } finally {
    key.fill(0);
  }
}
