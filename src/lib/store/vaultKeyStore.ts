// STAND-IN UNTIL APP LOCK (issue #6). The vault key wraps every local secret; with app lock it
// will rest wrapped by an Argon2id key from the person's passphrase and live only in memory once
// unlocked. Until then it is kept here as-is, which protects nothing at rest: anyone who can read
// this origin's IndexedDB can unwrap the rest. The state layer calls this, and only this, so the
// switch to app lock replaces one function.
import { generateVaultKey, SYMMETRIC_KEY_BYTES, type VaultKey } from '$lib/crypto';
import { isRowRecord, readBytes } from './rowFields';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/**
 * The device's vault key, created on first call. Stand-in until app lock: stored unwrapped.
 *
 * @example
 *   const vaultKey = await loadOrCreateVaultKey(db);
 * @throws StoreFullError if a new key cannot be stored.
 */
export async function loadOrCreateVaultKey(db: TrellisDb): Promise<VaultKey> {
  return withStoreErrors(() =>
    db.transaction('rw', db.vault, async () => {
      const row: unknown = await db.vault.get('vault');
      const stored = isRowRecord(row) ? readBytes(row.key) : undefined;
      if (stored?.length === SYMMETRIC_KEY_BYTES) return stored as VaultKey;
      const key = generateVaultKey();
      await db.vault.put({ id: 'vault', key });
      return key;
    }),
  );
}
