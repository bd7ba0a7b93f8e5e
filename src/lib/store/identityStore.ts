// The device identity is made once per device and is the device's name in every blob header,
// so losing it means the partner sees a new, unknown device. Its secret keys are stored only
// wrapped by the vault key; a row that does not parse or unwrap is reported, never replaced
// silently (replacing it would orphan the device's membership).
import {
  deviceIdOf,
  generateDeviceIdentity,
  unwrapKey,
  wrapKey,
  BOX_KEY_BYTES,
  SIGNING_PUBLIC_KEY_BYTES,
  SIGNING_SECRET_KEY_BYTES,
  type BoxPublicKey,
  type BoxSecretKey,
  type DeviceIdentity,
  type SigningPublicKey,
  type SigningSecretKey,
  type VaultKey,
} from '$lib/crypto';
import { isRowRecord, readBytes, readString } from './rowFields';
import { withStoreErrors } from './storeFullError';
import type { IdentityRow, TrellisDb } from './trellisDb';

/** Why a stored identity could not be loaded. */
export type LoadIdentityError = 'NO_IDENTITY' | 'CORRUPT_ROW' | 'UNWRAP_FAILED';

/**
 * Stores `identity` as this device's identity, secret keys wrapped by `vaultKey`.
 *
 * @example
 *   await saveDeviceIdentity(db, { identity: generateDeviceIdentity(), vaultKey });
 * @throws StoreFullError when the device is out of space.
 */
export async function saveDeviceIdentity(
  db: TrellisDb,
  input: { identity: DeviceIdentity; vaultKey: VaultKey },
): Promise<void> {
  const { identity, vaultKey } = input;
  const row: IdentityRow = {
    id: 'device',
    deviceId: identity.deviceId,
    signingPublicKey: identity.signing.publicKey,
    wrappedSigningSecretKey: wrapKey({ key: identity.signing.secretKey, vaultKey }),
    boxPublicKey: identity.box.publicKey,
    wrappedBoxSecretKey: wrapKey({ key: identity.box.secretKey, vaultKey }),
  };
  await withStoreErrors(() => db.identity.put(row));
}

/**
 * This device's identity, unwrapped with `vaultKey`.
 *
 * @example
 *   const loaded = await loadDeviceIdentity(db, vaultKey);
 *   if (loaded.ok) use(loaded.identity);
 */
export async function loadDeviceIdentity(
  db: TrellisDb,
  vaultKey: VaultKey,
): Promise<{ ok: true; identity: DeviceIdentity } | { ok: false; code: LoadIdentityError }> {
  const row: unknown = await db.identity.get('device');
  if (row === undefined) return { ok: false, code: 'NO_IDENTITY' };
  if (!isRowRecord(row)) return { ok: false, code: 'CORRUPT_ROW' };
  const signingPublicKey = readBytes(row.signingPublicKey);
  const boxPublicKey = readBytes(row.boxPublicKey);
  const wrappedSigning = readBytes(row.wrappedSigningSecretKey);
  const wrappedBox = readBytes(row.wrappedBoxSecretKey);
  if (
    signingPublicKey?.length !== SIGNING_PUBLIC_KEY_BYTES ||
    boxPublicKey?.length !== BOX_KEY_BYTES ||
    !wrappedSigning ||
    !wrappedBox
  ) {
    return { ok: false, code: 'CORRUPT_ROW' };
  }
  const deviceId = deviceIdOf(signingPublicKey as SigningPublicKey);
  if (readString(row.deviceId) !== deviceId) return { ok: false, code: 'CORRUPT_ROW' };
  const signingSecret = unwrapKey({ wrapped: wrappedSigning, vaultKey });
  const boxSecret = unwrapKey({ wrapped: wrappedBox, vaultKey });
  if (!signingSecret.ok || !boxSecret.ok) return { ok: false, code: 'UNWRAP_FAILED' };
  if (
    signingSecret.key.length !== SIGNING_SECRET_KEY_BYTES ||
    boxSecret.key.length !== BOX_KEY_BYTES
  ) {
    return { ok: false, code: 'CORRUPT_ROW' };
  }
  return {
    ok: true,
    identity: {
      deviceId,
      signing: {
        publicKey: signingPublicKey as SigningPublicKey,
        secretKey: signingSecret.key as SigningSecretKey,
      },
      box: { publicKey: boxPublicKey as BoxPublicKey, secretKey: boxSecret.key as BoxSecretKey },
    },
  };
}

/**
 * This device's identity, made and stored on first run. A stored row that is corrupt or does
 * not unwrap is an error, not a reason to make a new identity.
 *
 * @example
 *   const me = await loadOrCreateDeviceIdentity(db, vaultKey);
 *   if (me.ok) console.debug(me.identity.deviceId);
 * @throws StoreFullError when a new identity cannot be stored.
 */
export async function loadOrCreateDeviceIdentity(
  db: TrellisDb,
  vaultKey: VaultKey,
): Promise<
  | { ok: true; identity: DeviceIdentity }
  | { ok: false; code: Exclude<LoadIdentityError, 'NO_IDENTITY'> }
> {
  const loaded = await loadDeviceIdentity(db, vaultKey);
  if (loaded.ok) return loaded;
  if (loaded.code !== 'NO_IDENTITY') return { ok: false, code: loaded.code };
  const identity = generateDeviceIdentity();
  await saveDeviceIdentity(db, { identity, vaultKey });
  return { ok: true, identity };
}
