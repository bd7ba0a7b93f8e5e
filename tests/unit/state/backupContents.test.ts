// The backup as the app uses it: file round trip with cheap test parameters, people-facing
// messages for each failure, every ciphertext byte flipped, and a restore into a fresh store.
import { describe, expect, it } from 'vitest';
import {
  generateDeviceIdentity,
  generatePersonIdentity,
  generateWorkspaceId,
  generateWorkspaceKey,
  readyCrypto,
  type PersonId,
} from '$lib/crypto';
import { UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS as CHEAP } from '$lib/crypto/derivePassphraseKey';
import { createBackupFile, readBackupFile, restoreBackupContents } from '$lib/state/backupContents';
import {
  createWorkspace,
  listWorkspaceIds,
  loadPersonIdentity,
  loadProfile,
  loadWorkspace,
  savePersonIdentity,
} from '$lib/store';
import {
  BACKUP_FIELDS,
  BACKUP_HEADER_BYTES,
  BACKUP_PAYLOAD_VERSION,
  computeBackupChecksum,
  encodeBackupPayload,
  sealBackup,
} from '$lib/sync/backup';
import { freshStore } from '../store/storeFixture';
import { sampleContents } from '../sync/backup/backupPayloadFixture';

// Top-level await: the fixtures below are made while the file is collected.
await readyCrypto();

const PASSPHRASE = 'tomatoes grow on trellises';
const create = (contents = sampleContents(2)) =>
  createBackupFile({ contents, passphrase: PASSPHRASE, params: CHEAP });
const read = (bytes: Uint8Array, passphrase = PASSPHRASE) =>
  readBackupFile({ bytes, passphrase, allowUnsafeTestParams: CHEAP });

describe('createBackupFile / readBackupFile', () => {
  // Made once: sealing derives a key, and the flip test reads the file a thousand times.
  const contents = sampleContents(2);
  const file = create(contents);

  it('round-trips the contents', () => {
    expect(read(file)).toEqual({ ok: true, contents });
  });

  it('says when the passphrase is wrong', () => {
    const result = read(file, 'tomatoes grow on trellis');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/passphrase does not open/);
  });

  it('says when a file is not a backup, or from a newer version', () => {
    const notBackup = read(new TextEncoder().encode('BEGIN:VCALENDAR'));
    expect(!notBackup.ok && notBackup.message).toMatch(/not a Trellis backup/);
    const newer = file.slice();
    newer[BACKUP_FIELDS.version.offset] = 2;
    const newerResult = read(newer);
    expect(!newerResult.ok && newerResult.message).toMatch(/newer version/);
  });

  it('says a backup of the previous payload version cannot be read', () => {
    // With no workspaces the previous version's payload differs from this one's only in its
    // version byte (the chain-root field lives in each workspace entry).
    const payload = encodeBackupPayload(sampleContents(0));
    payload[0] = BACKUP_PAYLOAD_VERSION - 1;
    const previous = sealBackup({ payload, passphrase: PASSPHRASE, params: CHEAP });
    const result = read(previous);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/could not be read.*newer version/);
    payload[0] = BACKUP_PAYLOAD_VERSION;
    const current = sealBackup({ payload, passphrase: PASSPHRASE, params: CHEAP });
    expect(read(current).ok).toBe(true);
  });

  it('rejects a file with any one ciphertext byte flipped, as damaged', () => {
    for (let index = BACKUP_HEADER_BYTES; index < file.length; index += 1) {
      const tampered = file.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      const result = read(tampered);
      expect(result.ok, `byte ${index}`).toBe(false);
      expect(!result.ok && result.message, `byte ${index}`).toMatch(/damaged/);
    }
  });

  it('rejects a flipped byte even when the checksum is recomputed', () => {
    for (const index of [BACKUP_HEADER_BYTES, BACKUP_HEADER_BYTES + 500, file.length - 1]) {
      const tampered = file.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x80;
      tampered.set(computeBackupChecksum(tampered), BACKUP_FIELDS.checksum.offset);
      expect(read(tampered).ok, `byte ${index}`).toBe(false);
    }
  });

  it('rejects a truncated file, as damaged', () => {
    const result = read(file.subarray(0, file.length - 1));
    expect(!result.ok && result.message).toMatch(/damaged/);
  });

  it('refuses the cheap test parameters unless the reader allows them', () => {
    const result = readBackupFile({ bytes: file, passphrase: PASSPHRASE });
    expect(result.ok).toBe(false);
  });
});

describe('restoreBackupContents', () => {
  it('stores the person, the profile and every workspace', async () => {
    const { db, vaultKey } = await freshStore('restore-all');
    const contents = sampleContents(3);
    const deviceId = generateDeviceIdentity().deviceId;
    expect(await restoreBackupContents(db, { contents, vaultKey, deviceId })).toEqual({ ok: true });

    const person = await loadPersonIdentity(db, vaultKey);
    expect(person.ok && person.person.personId).toBe(contents.person.personId);
    expect(person.ok && person.person.signing.secretKey).toEqual(contents.person.signingSecretKey);
    expect(await loadProfile(db, vaultKey)).toEqual({
      personId: contents.person.personId,
      ...contents.profile,
    });
    expect((await listWorkspaceIds(db)).sort()).toEqual(
      contents.workspaces.map((w) => w.workspaceId).sort(),
    );
    for (const workspace of contents.workspaces) {
      const loaded = await loadWorkspace(db, { workspaceId: workspace.workspaceId, vaultKey });
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) continue;
      expect(loaded.workspace.key).toEqual(workspace.key);
      expect(loaded.workspace.epoch).toBe(workspace.epoch);
      expect(loaded.workspace.devices).toEqual([deviceId]);
    }
  });

  it('stores each workspace’s chain root on its row, and none where the backup has none', async () => {
    const { db, vaultKey } = await freshStore('restore-roots');
    const contents = sampleContents(3);
    const deviceId = generateDeviceIdentity().deviceId;
    expect(await restoreBackupContents(db, { contents, vaultKey, deviceId })).toEqual({ ok: true });
    const rows = await Promise.all(
      contents.workspaces.map((w) => db.workspaces.get(w.workspaceId)),
    );
    expect(rows.map((row) => row?.chainRoot)).toEqual(contents.workspaces.map((w) => w.chainRoot));
    expect(rows.map((row) => row !== undefined && Object.hasOwn(row, 'chainRoot'))).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('leaves a workspace already on the device as it is', async () => {
    const { db, vaultKey } = await freshStore('restore-skip');
    const contents = sampleContents(2);
    const deviceId = generateDeviceIdentity().deviceId;
    const [first] = contents.workspaces;
    if (!first) throw new Error('fixture has workspaces');
    const localKey = generateWorkspaceKey();
    await createWorkspace(db, {
      workspaceId: first.workspaceId,
      epoch: first.epoch + 1,
      key: localKey,
      devices: [deviceId],
      vaultKey,
    });
    expect(await restoreBackupContents(db, { contents, vaultKey, deviceId })).toEqual({ ok: true });
    const kept = await loadWorkspace(db, { workspaceId: first.workspaceId, vaultKey });
    expect(kept.ok && kept.workspace.key).toEqual(localKey);
    expect(kept.ok && kept.workspace.epoch).toBe(first.epoch + 1);
    expect(await listWorkspaceIds(db)).toHaveLength(2);
  });

  it('replaces the person of a device that holds no pairs yet', async () => {
    const { db, vaultKey } = await freshStore('restore-fresh');
    await savePersonIdentity(db, { person: generatePersonIdentity(), vaultKey });
    const contents = sampleContents(1);
    const deviceId = generateDeviceIdentity().deviceId;
    expect(await restoreBackupContents(db, { contents, vaultKey, deviceId })).toEqual({ ok: true });
    const person = await loadPersonIdentity(db, vaultKey);
    expect(person.ok && person.person.personId).toBe(contents.person.personId as PersonId);
  });

  it('refuses a device that holds pairs of another person', async () => {
    const { db, vaultKey } = await freshStore('restore-other');
    const other = generatePersonIdentity();
    await savePersonIdentity(db, { person: other, vaultKey });
    const deviceId = generateDeviceIdentity().deviceId;
    const workspaceId = generateWorkspaceId();
    await createWorkspace(db, {
      workspaceId,
      epoch: 0,
      key: generateWorkspaceKey(),
      devices: [deviceId],
      vaultKey,
    });
    const result = await restoreBackupContents(db, {
      contents: sampleContents(1),
      vaultKey,
      deviceId,
    });
    expect(result.ok).toBe(false);
    const person = await loadPersonIdentity(db, vaultKey);
    expect(person.ok && person.person.personId).toBe(other.personId);
    expect(await listWorkspaceIds(db)).toEqual([workspaceId]);
  });

  it('restores what a backup file held', async () => {
    const { db, vaultKey } = await freshStore('restore-file');
    const contents = sampleContents(1);
    const opened = read(create(contents));
    if (!opened.ok) throw new Error(opened.message);
    const deviceId = generateDeviceIdentity().deviceId;
    await restoreBackupContents(db, { contents: opened.contents, vaultKey, deviceId });
    const [workspace] = contents.workspaces;
    if (!workspace) throw new Error('fixture has a workspace');
    const loaded = await loadWorkspace(db, { workspaceId: workspace.workspaceId, vaultKey });
    expect(loaded.ok && loaded.workspace.key).toEqual(workspace.key);
  });
});
