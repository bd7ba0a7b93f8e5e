// "Forgot your passphrase": nobody can open a locked vault without it, so the way back is to
// erase this device's copy and join again (the shared workspace lives on on the partner's
// devices and, as ciphertext, on the relay). Deleting the whole database, rather than clearing
// tables, also drops the schema and anything a later version added.
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/**
 * Deletes the whole Trellis database of this device. `db` stays closed afterwards: a write that
 * was still under way fails instead of quietly creating a fresh database, so the caller reloads
 * the app (and drops every key it holds in memory). Other tabs are closed by Dexie when the
 * deletion asks them to.
 *
 * @example
 *   await eraseTrellisData(db);
 *   location.reload();
 */
export async function eraseTrellisData(db: TrellisDb): Promise<void> {
  await withStoreErrors(() => db.delete({ disableAutoOpen: true }));
}
