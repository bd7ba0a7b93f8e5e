// A backup holds the person's identity and their pairs' keys, so it is as sensitive as the
// device itself: it is sealed under a key derived from a passphrase with the same Argon2id
// parameters (and the same floor) as the app lock, and it may then be stored anywhere.
import {
  concatBytes,
  DEFAULT_PASSPHRASE_PARAMS,
  derivePassphraseKey,
  encryptAead,
  padPlaintext,
  PASSPHRASE_SALT_BYTES,
  randomBytes,
  type Brand,
  type PassphraseParams,
} from '$lib/crypto';
import { backupAssociatedData } from './backupAssociatedData';
import { computeBackupChecksum } from './backupChecksum';
import {
  BACKUP_AUTHENTICATED_HEADER_BYTES,
  BACKUP_FIELDS,
  BACKUP_MAGIC,
  BACKUP_PAD_BLOCK,
  BACKUP_VERSION,
} from './backupLayout';

/** The bytes of a backup file, as saved and shared. */
export type BackupFile = Brand<Uint8Array, 'BackupFile'>;

/**
 * Seals `payload` (opaque bytes: the state layer's encoding of the identity and the pairs) into a
 * backup file under `passphrase`. `params` defaults to `DEFAULT_PASSPHRASE_PARAMS`; other values
 * must lie between the floor and the ceiling (tests may pass the unsafe test constant itself).
 *
 * @example
 *   const file = sealBackup({ payload, passphrase });
 *   download(new Blob([file]), 'trellis-backup.trellis');
 * @throws RangeError on an empty passphrase; PassphraseParamsError on parameters out of range;
 *   CryptoNotReadyError before `readyCrypto()`.
 */
export function sealBackup(input: {
  payload: Uint8Array;
  passphrase: string;
  params?: PassphraseParams;
}): BackupFile {
  const { payload, passphrase, params = DEFAULT_PASSPHRASE_PARAMS } = input;
  // An empty passphrase would seal with nothing; the UI must ask for one first.
  if (passphrase.normalize('NFKC').length === 0) {
    throw new RangeError('sealBackup: the passphrase is empty');
  }
  const salt = randomBytes(PASSPHRASE_SALT_BYTES);
  const key = derivePassphraseKey({ passphrase, salt, params });
  const header = new Uint8Array(BACKUP_AUTHENTICATED_HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(BACKUP_MAGIC, BACKUP_FIELDS.magic.offset);
  header[BACKUP_FIELDS.version.offset] = BACKUP_VERSION;
  header.set(salt, BACKUP_FIELDS.salt.offset);
  view.setUint32(BACKUP_FIELDS.opslimit.offset, params.opslimit);
  view.setUint32(BACKUP_FIELDS.memlimit.offset, params.memlimit);
  const padded = padPlaintext(payload, BACKUP_PAD_BLOCK);
  try {
    const { nonce, ciphertext } = encryptAead({
      plaintext: padded,
      associatedData: backupAssociatedData(header),
      key,
    });
    const checksumPlaceholder = new Uint8Array(BACKUP_FIELDS.checksum.bytes);
    const file = concatBytes([header, nonce, checksumPlaceholder, ciphertext]);
    file.set(computeBackupChecksum(file), BACKUP_FIELDS.checksum.offset);
    return file as BackupFile;
  } finally {
    // Best effort: these copies of the key and the payload need not outlive the call.
    key.fill(0);
    padded.fill(0);
  }
}
