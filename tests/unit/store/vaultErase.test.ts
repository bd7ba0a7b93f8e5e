// "Forgot your passphrase": erasing deletes the whole database, and the closed instance cannot
// quietly create a new one.
import { describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '$lib/crypto';
import { UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS as CHEAP } from '$lib/crypto/derivePassphraseKey';
import {
  eraseTrellisData,
  loadOrCreateVaultKey,
  readVaultState,
  saveDeviceIdentity,
  saveProfile,
  setVaultPassphrase,
} from '$lib/store';
import { freshVaultStore } from './vaultFixture';

describe('eraseTrellisData', () => {
  it('deletes the database with every table, locked vault included', async () => {
    const { db, connect, factory, rawRows } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await saveDeviceIdentity(db, { identity: generateDeviceIdentity(), vaultKey: key });
    await saveProfile(db, { vaultKey: key, profile: { name: 'Ana' } });
    await setVaultPassphrase(db, {
      key,
      passphrase: 'a passphrase',
      idleMinutes: 5,
      params: CHEAP,
    });
    expect(await rawRows()).toHaveLength(3);
    expect((await factory.databases()).map((entry) => entry.name)).toEqual(['vault-test']);

    await eraseTrellisData(db);
    expect(await factory.databases()).toEqual([]);

    const fresh = connect();
    expect(await readVaultState(fresh)).toEqual({ kind: 'none' });
    for (const table of fresh.tables) expect(await table.count()).toBe(0);
    fresh.close();
  });

  it('leaves the erased instance closed: a late write fails instead of recreating data', async () => {
    const { db, factory } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await eraseTrellisData(db);
    await expect(saveProfile(db, { vaultKey: key, profile: { name: 'Ana' } })).rejects.toThrow();
    expect(await factory.databases()).toEqual([]);
  });

  it('waits for another open connection (another tab) to close, then deletes', async () => {
    const { db, connect, factory } = await freshVaultStore();
    await loadOrCreateVaultKey(db);
    const otherTab = connect();
    await otherTab.open();
    await eraseTrellisData(db);
    expect(await factory.databases()).toEqual([]);
    expect(otherTab.isOpen()).toBe(false);
  });
});
