// App lock in the store: the vault key rests either as-is or locked by a passphrase, never both.
// Round trips, a wrong passphrase that loses nothing, the atomic switch (checked by scanning the
// raw IndexedDB rows for the key bytes), turning the lock off, and rows that cannot be read.
import { describe, expect, it } from 'vitest';
import {
  generateDeviceIdentity,
  generateVaultKey,
  lockVaultKey,
  PASSPHRASE_PARAMS_FLOOR,
  type VaultKey,
} from '$lib/crypto';
import { UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS as CHEAP } from '$lib/crypto/derivePassphraseKey';
import {
  DEFAULT_IDLE_MINUTES,
  loadDeviceIdentity,
  loadOrCreateVaultKey,
  loadProfile,
  readVaultState,
  removeVaultPassphrase,
  saveDeviceIdentity,
  saveProfile,
  setIdleMinutes,
  setVaultPassphrase,
  unlockVault,
  VaultKeyMismatchError,
  VaultLockedError,
  type TrellisDb,
} from '$lib/store';
import { freshVaultStore, holdsBytes } from './vaultFixture';

const PASSPHRASE = 'correct horse battery staple';

const lock = (db: TrellisDb, key: VaultKey, passphrase = PASSPHRASE, idleMinutes = 15) =>
  setVaultPassphrase(db, { key, passphrase, idleMinutes, params: CHEAP });

const unlock = (db: TrellisDb, passphrase = PASSPHRASE) =>
  unlockVault(db, { passphrase, params: CHEAP });

describe('the open vault', () => {
  it('is absent on first run, then created once and read back after a reconnect', async () => {
    const { db, connect } = await freshVaultStore();
    expect(await readVaultState(db)).toEqual({ kind: 'none' });
    const key = await loadOrCreateVaultKey(db);
    expect(key).toHaveLength(32);
    expect(await loadOrCreateVaultKey(connect())).toEqual(key);
    expect(await readVaultState(connect())).toEqual({
      kind: 'open',
      key,
      idleMinutes: DEFAULT_IDLE_MINUTES,
    });
    expect(DEFAULT_IDLE_MINUTES).toBe(5);
  });

  it('reads a row written before app lock (no idle time) as open with the default', async () => {
    const { db } = await freshVaultStore();
    const key = generateVaultKey();
    await db.vault.put({ id: 'vault', key });
    expect(await readVaultState(db)).toEqual({ kind: 'open', key, idleMinutes: 5 });
    expect(await loadOrCreateVaultKey(db)).toEqual(key);
  });

  it('says NOT_LOCKED when there is no passphrase to unlock with', async () => {
    const { db } = await freshVaultStore();
    expect(await unlock(db)).toEqual({ ok: false, code: 'NOT_LOCKED' });
    await loadOrCreateVaultKey(db);
    expect(await unlock(db)).toEqual({ ok: false, code: 'NOT_LOCKED' });
  });
});

describe('setVaultPassphrase / unlockVault', () => {
  it('round-trips: locked at rest, unlocked with the passphrase, after a reconnect too', async () => {
    const { db, connect } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await lock(db, key, PASSPHRASE, 15);
    expect(await readVaultState(connect())).toEqual({ kind: 'locked', idleMinutes: 15 });
    await expect(loadOrCreateVaultKey(connect())).rejects.toThrow(VaultLockedError);
    expect(await unlock(connect())).toEqual({ ok: true, key, idleMinutes: 15 });
  });

  it('round-trips with the real Argon2id parameters', async () => {
    const { db } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await setVaultPassphrase(db, { key, passphrase: PASSPHRASE, idleMinutes: 1 });
    const row = (await db.vault.get('vault')) as { locked: { opslimit: number; memlimit: number } };
    expect(row.locked).toMatchObject({ opslimit: 3, memlimit: 64 * 1024 * 1024 });
    expect(await unlockVault(db, { passphrase: PASSPHRASE })).toEqual({
      ok: true,
      key,
      idleMinutes: 1,
    });
  });

  it('keeps the wrapped secrets readable: the same key comes back', async () => {
    const { db } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    const identity = generateDeviceIdentity();
    await saveDeviceIdentity(db, { identity, vaultKey: key });
    await saveProfile(db, { vaultKey: key, profile: { name: 'Ana' } });
    await lock(db, key);
    const unlocked = await unlock(db);
    if (!unlocked.ok) throw new Error(unlocked.code);
    expect(await loadDeviceIdentity(db, unlocked.key)).toEqual({ ok: true, identity });
    expect(await loadProfile(db, unlocked.key)).toEqual({ name: 'Ana' });
  });

  it('says WRONG_PASSPHRASE and loses nothing: still locked, and the right one still opens', async () => {
    const { db, rawRows } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await lock(db, key);
    const before = await rawRows();
    for (const wrong of ['', 'Correct horse battery staple', `${PASSPHRASE} `, 'x']) {
      expect(await unlock(db, wrong)).toEqual({ ok: false, code: 'WRONG_PASSPHRASE' });
    }
    expect(await rawRows()).toEqual(before);
    expect(await readVaultState(db)).toEqual({ kind: 'locked', idleMinutes: 15 });
    expect(await unlock(db)).toEqual({ ok: true, key, idleMinutes: 15 });
  });

  it('replaces the row at once: afterwards no raw IndexedDB row holds the key bytes', async () => {
    const { db, rawRows } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await saveDeviceIdentity(db, { identity: generateDeviceIdentity(), vaultKey: key });
    await saveProfile(db, { vaultKey: key, profile: { name: 'Ana' } });
    // The scan can fail: before the lock the key rests as-is and is found.
    expect((await rawRows()).some((row) => holdsBytes(row, key))).toBe(true);

    await lock(db, key);
    const rows = await rawRows();
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => holdsBytes(row, key))).toEqual([]);
    const vaultRow = await db.vault.get('vault');
    expect(Object.keys(vaultRow ?? {}).sort()).toEqual(['id', 'idleMinutes', 'locked']);
  });

  it('changes the passphrase of a locked vault', async () => {
    const { db, rawRows } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await lock(db, key, PASSPHRASE, 15);
    await lock(db, key, 'a new passphrase entirely', 60);
    expect(await unlock(db)).toEqual({ ok: false, code: 'WRONG_PASSPHRASE' });
    expect(await unlock(db, 'a new passphrase entirely')).toEqual({
      ok: true,
      key,
      idleMinutes: 60,
    });
    expect((await rawRows()).some((row) => holdsBytes(row, key))).toBe(false);
  });

  it('refuses to lock a key other than the stored open one, and leaves the row', async () => {
    const { db, rawRows } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    const before = await rawRows();
    await expect(lock(db, generateVaultKey())).rejects.toThrow(VaultKeyMismatchError);
    expect(await rawRows()).toEqual(before);
    expect(await loadOrCreateVaultKey(db)).toEqual(key);
  });

  it('refuses an empty passphrase and idle times out of range, before writing', async () => {
    const { db } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await expect(lock(db, key, '')).rejects.toThrow(RangeError);
    for (const idleMinutes of [0, -5, 1.5, 1441, Number.NaN]) {
      await expect(lock(db, key, PASSPHRASE, idleMinutes)).rejects.toThrow(RangeError);
    }
    expect(await readVaultState(db)).toEqual({ kind: 'open', key, idleMinutes: 5 });
  });
});

describe('removeVaultPassphrase', () => {
  it('stores the key as-is again and keeps the idle time', async () => {
    const { db, connect } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await lock(db, key, PASSPHRASE, 60);
    const unlocked = await unlock(db);
    if (!unlocked.ok) throw new Error(unlocked.code);
    await removeVaultPassphrase(db, { key: unlocked.key });
    expect(await readVaultState(connect())).toEqual({ kind: 'open', key, idleMinutes: 60 });
    expect(await loadOrCreateVaultKey(connect())).toEqual(key);
    expect(await unlock(db)).toEqual({ ok: false, code: 'NOT_LOCKED' });
    const row = await db.vault.get('vault');
    expect(Object.keys(row ?? {}).sort()).toEqual(['id', 'idleMinutes', 'key']);
  });

  it('stores only the 32 key bytes, not the rest of a larger buffer', async () => {
    const { db, rawRows } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await lock(db, key);
    const marker = Uint8Array.from({ length: 16 }, (_, index) => 0xa0 + index);
    const buffer = new Uint8Array(64);
    buffer.set(key, 0);
    buffer.set(marker, 40);
    await removeVaultPassphrase(db, { key: buffer.subarray(0, 32) as VaultKey });
    expect((await rawRows()).some((row) => holdsBytes(row, marker))).toBe(false);
    expect(await loadOrCreateVaultKey(db)).toEqual(key);
  });

  it('refuses another key than the stored open one, and a key of the wrong size', async () => {
    const { db } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await expect(removeVaultPassphrase(db, { key: generateVaultKey() })).rejects.toThrow(
      VaultKeyMismatchError,
    );
    await expect(removeVaultPassphrase(db, { key: key.subarray(1) as VaultKey })).rejects.toThrow(
      RangeError,
    );
    expect(await loadOrCreateVaultKey(db)).toEqual(key);
  });
});

describe('setIdleMinutes', () => {
  it('stores the idle time in clear beside an open or a locked key', async () => {
    const { db, connect } = await freshVaultStore();
    const key = await loadOrCreateVaultKey(db);
    await setIdleMinutes(db, 1);
    expect(await readVaultState(connect())).toEqual({ kind: 'open', key, idleMinutes: 1 });
    await lock(db, key, PASSPHRASE, 5);
    await setIdleMinutes(db, 60);
    expect(await readVaultState(connect())).toEqual({ kind: 'locked', idleMinutes: 60 });
    expect(await unlock(db)).toEqual({ ok: true, key, idleMinutes: 60 });
  });

  it('does nothing before a vault exists, and refuses values out of range', async () => {
    const { db } = await freshVaultStore();
    await setIdleMinutes(db, 15);
    expect(await readVaultState(db)).toEqual({ kind: 'none' });
    for (const idleMinutes of [0, 2.5, 1441, -1]) {
      await expect(setIdleMinutes(db, idleMinutes)).rejects.toThrow(RangeError);
    }
  });
});

describe('a row that cannot be read', () => {
  it('is shown as locked, never replaced, and unlocking says CORRUPT_ROW', async () => {
    const { db, rawRows } = await freshVaultStore();
    const key = generateVaultKey();
    const good = lockVaultKey({ vaultKey: key, passphrase: PASSPHRASE, params: CHEAP });
    const weak = lockVaultKey({ vaultKey: key, passphrase: PASSPHRASE, params: CHEAP });
    // Rows of no known shape: nothing may replace them, not even a lock with some key.
    const shapeless: unknown[] = [
      { id: 'vault' },
      { id: 'vault', key: key.subarray(1) },
      { id: 'vault', key: Array.from(key) },
      { id: 'vault', locked: 'locked', idleMinutes: 5 },
      { id: 'vault', locked: null, key, idleMinutes: 5 },
    ];
    // Locked records this code cannot read (a newer version, a changed size, weak parameters).
    const unreadable: unknown[] = [
      { id: 'vault', locked: { ...good, version: 2 }, idleMinutes: 5 },
      { id: 'vault', locked: { ...good, wrappedKey: good.wrappedKey.subarray(1) } },
      { id: 'vault', locked: { ...good, opslimit: 1, memlimit: 64 * 1024 * 1024 } },
      { id: 'vault', locked: {}, key },
    ];
    for (const row of [...shapeless, ...unreadable]) {
      await db.vault.put(row as never);
      const before = await rawRows();
      expect(await readVaultState(db)).toEqual({ kind: 'locked', idleMinutes: 5 });
      expect(await unlock(db)).toEqual({ ok: false, code: 'CORRUPT_ROW' });
      await expect(loadOrCreateVaultKey(db)).rejects.toThrow(VaultLockedError);
      if (shapeless.includes(row)) {
        await expect(lock(db, key)).rejects.toThrow(VaultKeyMismatchError);
        await expect(removeVaultPassphrase(db, { key })).rejects.toThrow(VaultKeyMismatchError);
      }
      expect(await rawRows()).toEqual(before);
    }
    // Cheap parameters are read back only in tests that hand in the test constant.
    await db.vault.put({ id: 'vault', locked: weak, idleMinutes: 5 });
    expect(await unlockVault(db, { passphrase: PASSPHRASE })).toEqual({
      ok: false,
      code: 'CORRUPT_ROW',
    });
  });

  it('falls back to the default idle time when the stored one is out of range', async () => {
    const { db } = await freshVaultStore();
    const key = generateVaultKey();
    const locked = lockVaultKey({ vaultKey: key, passphrase: PASSPHRASE, params: CHEAP });
    for (const idleMinutes of [0, -1, 1e9, '15', 2.5]) {
      await db.vault.put({ id: 'vault', locked, idleMinutes } as never);
      expect(await readVaultState(db)).toEqual({ kind: 'locked', idleMinutes: 5 });
    }
  });

  it('binds the stored parameters: a record edited to other accepted ones does not open', async () => {
    const { db } = await freshVaultStore();
    const key = generateVaultKey();
    const locked = lockVaultKey({
      vaultKey: key,
      passphrase: PASSPHRASE,
      params: PASSPHRASE_PARAMS_FLOOR,
    });
    await db.vault.put({ id: 'vault', locked: { ...locked, opslimit: 3 }, idleMinutes: 5 });
    expect(await unlockVault(db, { passphrase: PASSPHRASE })).toEqual({
      ok: false,
      code: 'WRONG_PASSPHRASE',
    });
  });
});
