// The backup as the app uses it: a file sealed under the person's passphrase, read back with a
// sentence a person can act on, and restored into this device's store. Restoring stores keys
// and rows only; the lead applies each workspace's inner state after its engine opens, with an
// origin that keeps it from being re-published as this device's own edit.
import {
  type DeviceId,
  type PassphraseParams,
  type PersonId,
  type SigningPublicKey,
  type SigningSecretKey,
  type UnsafeTestOnlyParams,
  type VaultKey,
} from '$lib/crypto';
import {
  createWorkspace,
  listWorkspaceIds,
  loadPersonIdentity,
  savePersonIdentity,
  saveProfile,
  StoreFullError,
  type TrellisDb,
} from '$lib/store';
import {
  encodeBackupPayload,
  openBackup,
  parseBackupPayload,
  sealBackup,
  type BackupContents,
  type BackupErrorCode,
} from '$lib/sync/backup';

const MESSAGES: Record<BackupErrorCode, string> = {
  NOT_A_BACKUP: 'This file is not a Trellis backup. Choose the file that ends in .trellis-backup.',
  UNSUPPORTED_VERSION:
    'This backup was made by a newer version of Trellis. Update Trellis on this device, then try again.',
  BACKUP_DAMAGED:
    'This backup file is damaged (it may have been cut short while copying). Try another copy of it.',
  WRONG_PASSPHRASE: 'That passphrase does not open this backup. Check it and try again.',
};

const OUT_OF_SPACE =
  'This device is out of storage space, so the backup was not fully restored. Free some space and restore it again.';

/**
 * The bytes of a backup file holding `contents`, sealed under `passphrase` (Argon2id with
 * `params`, by default `DEFAULT_PASSPHRASE_PARAMS`: about a second on a phone).
 *
 * @example
 *   const bytes = createBackupFile({ contents, passphrase });
 *   downloadBlob(new Blob([bytes]), 'trellis-2025-03-01.trellis-backup');
 * @throws BackupPayloadError on contents that would not read back; RangeError on an empty
 *   passphrase; CryptoNotReadyError before `readyCrypto()`.
 */
export function createBackupFile(input: {
  contents: BackupContents;
  passphrase: string;
  params?: PassphraseParams;
}): Uint8Array {
  const payload = encodeBackupPayload(input.contents);
  try {
    return sealBackup({ payload, passphrase: input.passphrase, params: input.params });
  } finally {
    // Best effort: the plaintext keys need not outlive the call.
    payload.fill(0);
  }
}

/**
 * Opens a backup file, or says in a sentence why it did not open (not a backup, damaged, a
 * newer version, the wrong passphrase). `allowUnsafeTestParams` is for tests only.
 *
 * @example
 *   const read = readBackupFile({ bytes: new Uint8Array(await file.arrayBuffer()), passphrase });
 *   if (!read.ok) return { ok: false, message: read.message };
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function readBackupFile(input: {
  bytes: Uint8Array;
  passphrase: string;
  allowUnsafeTestParams?: UnsafeTestOnlyParams;
}): { ok: true; contents: BackupContents } | { ok: false; message: string } {
  const opened = openBackup({
    file: input.bytes,
    passphrase: input.passphrase,
    allowUnsafeTestParams: input.allowUnsafeTestParams,
  });
  if (!opened.ok) return { ok: false, message: MESSAGES[opened.code] };
  const contents = parseBackupPayload(opened.payload);
  opened.payload.fill(0);
  // The passphrase opened it, so the file is intact: contents that do not parse were written
  // by a build that this one does not understand.
  if (!contents) {
    return {
      ok: false,
      message:
        'This backup opened, but its contents could not be read. It may come from a newer version of Trellis.',
    };
  }
  return { ok: true, contents };
}

/**
 * Stores what a backup holds on this device: the person identity, the profile, and every
 * workspace not already here (with this device as its only known member; the others are
 * learned from the pair). Refuses when this device already holds pairs of another person, as
 * replacing their identity would cut them off from those pairs.
 *
 * @example
 *   const restored = await restoreBackupContents(db, { contents, vaultKey, deviceId: me.deviceId });
 *   if (!restored.ok) show(restored.message);
 * @throws whatever the store throws, except a full device, which is reported as a message.
 */
export async function restoreBackupContents(
  db: TrellisDb,
  input: { contents: BackupContents; vaultKey: VaultKey; deviceId: DeviceId },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const { contents, vaultKey, deviceId } = input;
  const personId = contents.person.personId as PersonId;
  const current = await loadPersonIdentity(db, vaultKey);
  const existing = new Set<string>(await listWorkspaceIds(db));
  if (current.ok && current.person.personId !== personId && existing.size > 0) {
    return {
      ok: false,
      message:
        'This device already holds pairs of another person, so this backup cannot be restored here.',
    };
  }
  const { name, role, timeZone, notesWorkspaceId } = contents.profile;
  try {
    await savePersonIdentity(db, {
      person: {
        personId,
        signing: {
          publicKey: contents.person.signingPublicKey as SigningPublicKey,
          secretKey: contents.person.signingSecretKey as SigningSecretKey,
        },
      },
      vaultKey,
    });
    for (const workspace of contents.workspaces) {
      if (existing.has(workspace.workspaceId)) continue;
      await createWorkspace(db, {
        workspaceId: workspace.workspaceId,
        epoch: workspace.epoch,
        key: workspace.key,
        devices: [deviceId],
        ...(workspace.chainRoot === undefined ? {} : { chainRoot: workspace.chainRoot }),
        vaultKey,
      });
    }
    // The profile last: until it is stored the device still offers to restore, so a restore
    // cut short (a full disk, a closed tab) is finished by restoring again.
    await saveProfile(db, {
      vaultKey,
      profile: {
        personId,
        name,
        role,
        timeZone,
        ...(notesWorkspaceId ? { notesWorkspaceId } : {}),
      },
    });
  } catch (error) {
    // What was stored stays; restoring again skips the workspaces already here.
    if (error instanceof StoreFullError) return { ok: false, message: OUT_OF_SPACE };
    throw error;
  }
  return { ok: true };
}
