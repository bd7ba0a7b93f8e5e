// The person identity is made on first run (or arrives from a linked device or a backup) and
// names the person in every pair, so, as with the device identity, a row that does not parse or
// unwrap is reported and never replaced silently: a new person key would look, to the partner,
// like somebody else (their verified mark would be cleared).
import {
  deviceIdOf,
  generatePersonIdentity,
  unwrapKey,
  wrapKey,
  SIGNING_PUBLIC_KEY_BYTES,
  SIGNING_SECRET_KEY_BYTES,
  type PersonId,
  type PersonIdentity,
  type SigningPublicKey,
  type SigningSecretKey,
  type VaultKey,
} from '$lib/crypto';
import { isRowRecord, readBytes, readString } from './rowFields';
import { withStoreErrors } from './storeFullError';
import type { PersonRow, TrellisDb } from './trellisDb';

/** Why a stored person identity could not be loaded. */
export type LoadPersonError = 'NO_PERSON' | 'CORRUPT_ROW' | 'UNWRAP_FAILED';

/**
 * Stores `person` as this device's person identity (replacing any), secret key wrapped.
 *
 * @example
 *   await savePersonIdentity(db, { person: bundle.person, vaultKey });
 * @throws StoreFullError when the device is out of space.
 */
export async function savePersonIdentity(
  db: TrellisDb,
  input: { person: PersonIdentity; vaultKey: VaultKey },
): Promise<void> {
  const { person, vaultKey } = input;
  const row: PersonRow = {
    id: 'person',
    personId: person.personId,
    signingPublicKey: person.signing.publicKey,
    wrappedSigningSecretKey: wrapKey({ key: person.signing.secretKey, vaultKey }),
  };
  await withStoreErrors(() => db.identity.put(row));
}

/**
 * This device's person identity, unwrapped with `vaultKey`.
 *
 * @example
 *   const loaded = await loadPersonIdentity(db, vaultKey);
 *   if (loaded.ok) console.debug(loaded.person.personId);
 */
export async function loadPersonIdentity(
  db: TrellisDb,
  vaultKey: VaultKey,
): Promise<{ ok: true; person: PersonIdentity } | { ok: false; code: LoadPersonError }> {
  const row: unknown = await db.identity.get('person');
  if (row === undefined) return { ok: false, code: 'NO_PERSON' };
  if (!isRowRecord(row)) return { ok: false, code: 'CORRUPT_ROW' };
  const publicKey = readBytes(row.signingPublicKey);
  const wrapped = readBytes(row.wrappedSigningSecretKey);
  if (publicKey?.length !== SIGNING_PUBLIC_KEY_BYTES || !wrapped) {
    return { ok: false, code: 'CORRUPT_ROW' };
  }
  const personId = deviceIdOf(publicKey as SigningPublicKey) as string as PersonId;
  if (readString(row.personId) !== personId) return { ok: false, code: 'CORRUPT_ROW' };
  const secret = unwrapKey({ wrapped, vaultKey });
  if (!secret.ok) return { ok: false, code: 'UNWRAP_FAILED' };
  if (secret.key.length !== SIGNING_SECRET_KEY_BYTES) return { ok: false, code: 'CORRUPT_ROW' };
  return {
    ok: true,
    person: {
      personId,
      signing: {
        publicKey: publicKey as SigningPublicKey,
        secretKey: secret.key as SigningSecretKey,
      },
    },
  };
}

/**
 * This device's person identity, made and stored on first run.
 *
 * @example
 *   const me = await loadOrCreatePersonIdentity(db, vaultKey);
 * @throws StoreFullError when a new identity cannot be stored.
 */
export async function loadOrCreatePersonIdentity(
  db: TrellisDb,
  vaultKey: VaultKey,
): Promise<
  { ok: true; person: PersonIdentity } | { ok: false; code: Exclude<LoadPersonError, 'NO_PERSON'> }
> {
  const loaded = await loadPersonIdentity(db, vaultKey);
  if (loaded.ok) return loaded;
  if (loaded.code !== 'NO_PERSON') return { ok: false, code: loaded.code };
  const person = generatePersonIdentity();
  await savePersonIdentity(db, { person, vaultKey });
  return { ok: true, person };
}
