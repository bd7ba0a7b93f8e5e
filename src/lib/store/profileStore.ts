// The person's own profile (name, role, time zone) is content, so it is stored only encrypted
// under the vault key, like everything else that could identify someone.
import type { VaultKey } from '$lib/crypto';
import { isRowRecord, readBytes } from './rowFields';
import { openJson, sealJson } from './sealedJson';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

const PROFILE_AD = new TextEncoder().encode('trellis/profile/v1');

/**
 * Stores `profile` (any JSON value) encrypted under the vault key.
 *
 * @example
 *   await saveProfile(db, { vaultKey, profile: { name: 'Ana', role: 'mentee' } });
 * @throws StoreFullError when the device is out of space.
 */
export async function saveProfile(
  db: TrellisDb,
  input: { vaultKey: VaultKey; profile: unknown },
): Promise<void> {
  const sealed = sealJson({
    value: input.profile,
    associatedData: PROFILE_AD,
    key: input.vaultKey,
  });
  await withStoreErrors(() => db.profile.put({ id: 'me', sealed }));
}

/**
 * The stored profile as untrusted JSON (the caller parses it), or undefined when none is stored
 * or it does not decrypt.
 *
 * @example
 *   const raw = await loadProfile(db, vaultKey);
 */
export async function loadProfile(db: TrellisDb, vaultKey: VaultKey): Promise<unknown> {
  const row: unknown = await db.profile.get('me');
  const sealed = isRowRecord(row) ? readBytes(row.sealed) : undefined;
  if (!sealed) return undefined;
  return openJson({ sealed, associatedData: PROFILE_AD, key: vaultKey });
}
