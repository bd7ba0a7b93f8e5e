// The encrypted backup file: the person's identity and pairs under a passphrase
// (docs/PROTOCOL.md, "Keys you hold").
export {
  BACKUP_FIELDS,
  BACKUP_HEADER_BYTES,
  BACKUP_MAGIC,
  BACKUP_MIN_BYTES,
  BACKUP_PAD_BLOCK,
  BACKUP_VERSION,
  hasValidBackupLength,
} from './backupLayout';
export { BACKUP_ERROR_CODES, type BackupErrorCode } from './backupErrors';
export { computeBackupChecksum } from './backupChecksum';
export { sealBackup, type BackupFile } from './sealBackup';
export { openBackup, type OpenBackupResult } from './openBackup';
export {
  BACKUP_MAX_NAME_LENGTH,
  BACKUP_MAX_WORKSPACES,
  BACKUP_PAYLOAD_VERSION,
  BackupPayloadError,
  encodeBackupPayload,
  parseBackupPayload,
  type BackupContents,
} from './backupPayload';
