// App lock. The vault key wraps every local secret (device keys, workspace keys, cache keys, the
// profile), so the way it rests decides what a stolen device or a copied browser profile gives
// away. Without app lock it rests as-is ("open"): whoever can read this origin's IndexedDB can
// unwrap everything else. With app lock only its passphrase-locked form (Argon2id, then
// XChaCha20-Poly1305; see lockVaultKey.ts) is stored, and the key exists only in memory once
// unlocked. The idle time before the app locks itself is not secret and rests in clear beside it.
//
// Switching between the two shapes replaces the one row with a single put, so no crash can leave
// both behind. A row this code cannot read is reported as locked and never replaced: overwriting
// it would destroy the only copy of a key (perhaps written by a newer version), and the lock
// screen can still offer to erase.
import {
  generateVaultKey,
  lockVaultKey,
  SYMMETRIC_KEY_BYTES,
  unlockVaultKey,
  type PassphraseParams,
  type UnsafeTestOnlyParams,
  type VaultKey,
} from '$lib/crypto';
import { isRowRecord, readBytes } from './rowFields';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/** Minutes without activity before a locked-capable app locks itself, unless the person chose. */
export const DEFAULT_IDLE_MINUTES = 5;

/** The longest idle time accepted: a day. */
export const MAX_IDLE_MINUTES = 24 * 60;

/** How the vault key rests on this device. */
export type VaultState =
  /** First run: no vault yet. */
  | { kind: 'none' }
  /** No passphrase set: the key is stored as-is. */
  | { kind: 'open'; key: VaultKey; idleMinutes: number }
  /** The key is locked by a passphrase (or the row cannot be read: unlocking says CORRUPT_ROW). */
  | { kind: 'locked'; idleMinutes: number };

/** Why `unlockVault` did not open the vault. */
export type UnlockVaultCode =
  /** The passphrase does not open the stored record (nothing changed: try again). */
  | 'WRONG_PASSPHRASE'
  /** There is no passphrase to unlock with: the vault is open or absent. */
  | 'NOT_LOCKED'
  /** The stored row is not one this code can read; only erasing gets past it. */
  | 'CORRUPT_ROW';

/** The vault key was asked for while it rests locked: unlock it with the passphrase first. */
export class VaultLockedError extends Error {
  override readonly name = 'VaultLockedError';
  constructor() {
    super('The vault is locked: unlock it with the passphrase first.');
  }
}

/** A caller tried to store a key other than the one this device's vault holds. */
export class VaultKeyMismatchError extends Error {
  override readonly name = 'VaultKeyMismatchError';
  constructor() {
    super('This is not the vault key stored on this device; the stored row was left unchanged.');
  }
}

type StoredVault =
  | { kind: 'none' }
  | { kind: 'open'; key: VaultKey; idleMinutes: number }
  | { kind: 'locked'; locked: unknown; idleMinutes: number }
  | { kind: 'corrupt'; idleMinutes: number };

const isIdleMinutes = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isSafeInteger(value) &&
  value >= 1 &&
  value <= MAX_IDLE_MINUTES;

function assertIdleMinutes(idleMinutes: number): void {
  if (!isIdleMinutes(idleMinutes)) {
    throw new RangeError(`idleMinutes must be a whole number from 1 to ${MAX_IDLE_MINUTES}`);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** Parses the untrusted vault row; the locked record itself is parsed when unlocking. */
function parseVaultRow(row: unknown): StoredVault {
  if (row === undefined) return { kind: 'none' };
  if (!isRowRecord(row)) return { kind: 'corrupt', idleMinutes: DEFAULT_IDLE_MINUTES };
  const idleMinutes = isIdleMinutes(row.idleMinutes) ? row.idleMinutes : DEFAULT_IDLE_MINUTES;
  // A row that names a locked record is locked, whatever else it holds: a key beside it is
  // never trusted as the open key. The record's own fields are checked when unlocking.
  if ('locked' in row) {
    return isRowRecord(row.locked)
      ? { kind: 'locked', locked: row.locked, idleMinutes }
      : { kind: 'corrupt', idleMinutes };
  }
  const key = readBytes(row.key);
  return key?.length === SYMMETRIC_KEY_BYTES
    ? { kind: 'open', key: key as VaultKey, idleMinutes }
    : { kind: 'corrupt', idleMinutes };
}

const readStoredVault = async (db: TrellisDb): Promise<StoredVault> =>
  parseVaultRow(await db.vault.get('vault'));

/**
 * How the vault key rests: none yet, open (and the key), or locked.
 *
 * @example
 *   const state = await readVaultState(db);
 *   if (state.kind === 'locked') showUnlockScreen(state.idleMinutes);
 */
export async function readVaultState(db: TrellisDb): Promise<VaultState> {
  const stored = await readStoredVault(db);
  if (stored.kind === 'none' || stored.kind === 'open') return stored;
  return { kind: 'locked', idleMinutes: stored.idleMinutes };
}

/**
 * The device's vault key when it rests open, created on first call.
 *
 * @example
 *   const vaultKey = await loadOrCreateVaultKey(db);
 * @throws VaultLockedError when the vault is locked (use `unlockVault`) or its row unreadable;
 *   StoreFullError if a new key cannot be stored.
 */
export async function loadOrCreateVaultKey(db: TrellisDb): Promise<VaultKey> {
  return withStoreErrors(() =>
    db.transaction('rw', db.vault, async () => {
      const stored = await readStoredVault(db);
      if (stored.kind === 'open') return stored.key;
      if (stored.kind !== 'none') throw new VaultLockedError();
      const key = generateVaultKey();
      await db.vault.put({ id: 'vault', key, idleMinutes: DEFAULT_IDLE_MINUTES });
      return key;
    }),
  );
}

/**
 * Opens the locked vault with `passphrase` (one Argon2id run, about a second on a phone). A wrong
 * passphrase changes nothing. `params` is for tests only: the cheap test constant they locked
 * with.
 *
 * @example
 *   const unlocked = await unlockVault(db, { passphrase });
 *   if (!unlocked.ok) return unlocked.code; // 'WRONG_PASSPHRASE' | 'NOT_LOCKED' | 'CORRUPT_ROW'
 */
export async function unlockVault(
  db: TrellisDb,
  input: { passphrase: string; params?: UnsafeTestOnlyParams },
): Promise<
  { ok: true; key: VaultKey; idleMinutes: number } | { ok: false; code: UnlockVaultCode }
> {
  const stored = await readStoredVault(db);
  if (stored.kind === 'none' || stored.kind === 'open') return { ok: false, code: 'NOT_LOCKED' };
  if (stored.kind === 'corrupt') return { ok: false, code: 'CORRUPT_ROW' };
  // Argon2id runs outside any transaction: it is synchronous and long.
  const opened = unlockVaultKey({
    locked: stored.locked,
    passphrase: input.passphrase,
    allowUnsafeTestParams: input.params,
  });
  if (opened.ok) return { ok: true, key: opened.vaultKey, idleMinutes: stored.idleMinutes };
  return { ok: false, code: opened.code === 'MALFORMED_VAULT' ? 'CORRUPT_ROW' : opened.code };
}

/**
 * Turns app lock on (or changes the passphrase): stores `key` locked by `passphrase`, replacing
 * the row in one put, so afterwards no unwrapped copy of the key is in IndexedDB. Argon2id runs
 * once. The caller checks the passphrase's length and confirmation first.
 *
 * @example
 *   await setVaultPassphrase(db, { key: vaultKey, passphrase, idleMinutes: 5 });
 * @throws VaultKeyMismatchError if the vault rests open with another key (or its row is
 *   unreadable); RangeError on an empty passphrase, a key that is not 32 bytes or idle minutes
 *   outside 1…1440; StoreFullError if the row cannot be written.
 */
export async function setVaultPassphrase(
  db: TrellisDb,
  input: { key: VaultKey; passphrase: string; idleMinutes: number; params?: PassphraseParams },
): Promise<void> {
  const { key, passphrase, idleMinutes, params } = input;
  assertIdleMinutes(idleMinutes);
  const locked = lockVaultKey({ vaultKey: key, passphrase, params });
  await withStoreErrors(() =>
    db.transaction('rw', db.vault, async () => {
      const stored = await readStoredVault(db);
      // Locking a key that is not the stored one would make every wrapped secret unreadable.
      // A locked row cannot be checked without its passphrase; the caller unlocked it.
      if (stored.kind === 'corrupt' || (stored.kind === 'open' && !sameBytes(stored.key, key))) {
        throw new VaultKeyMismatchError();
      }
      await db.vault.put({ id: 'vault', locked, idleMinutes });
    }),
  );
}

/**
 * Turns app lock off: stores `key` (the unlocked vault key) as-is again, keeping the idle time.
 *
 * @example
 *   await removeVaultPassphrase(db, { key: vaultKey });
 * @throws VaultKeyMismatchError if the vault rests open with another key (or its row is
 *   unreadable); RangeError on a key that is not 32 bytes; StoreFullError.
 */
export async function removeVaultPassphrase(
  db: TrellisDb,
  input: { key: VaultKey },
): Promise<void> {
  const { key } = input;
  if (key.length !== SYMMETRIC_KEY_BYTES) {
    throw new RangeError('removeVaultPassphrase: a vault key has 32 bytes');
  }
  await withStoreErrors(() =>
    db.transaction('rw', db.vault, async () => {
      const stored = await readStoredVault(db);
      if (stored.kind === 'corrupt' || (stored.kind === 'open' && !sameBytes(stored.key, key))) {
        throw new VaultKeyMismatchError();
      }
      const idleMinutes = stored.kind === 'none' ? DEFAULT_IDLE_MINUTES : stored.idleMinutes;
      // A copy: a view into a larger buffer would be stored with all of that buffer's bytes.
      await db.vault.put({ id: 'vault', key: Uint8Array.from(key), idleMinutes });
    }),
  );
}

/**
 * Stores the idle time beside the vault key (in clear). Does nothing before a vault exists.
 *
 * @example
 *   await setIdleMinutes(db, 15);
 * @throws RangeError outside 1…1440 minutes; StoreFullError.
 */
export async function setIdleMinutes(db: TrellisDb, idleMinutes: number): Promise<void> {
  assertIdleMinutes(idleMinutes);
  // `update` changes this one field of whatever shape the row has, and nothing when it is absent.
  await withStoreErrors(() => db.vault.update('vault', { idleMinutes }));
}
