// Test identities derived from a label, so every run of a seeded test names the same devices
// (and therefore the same Yjs client ids): a failing seed replays exactly. Only tests build
// identities from seeds; the app draws them at random (generateDeviceIdentity).
import sodium from 'libsodium-wrappers-sumo';
import {
  deviceIdOf,
  readyCrypto,
  type BoxPublicKey,
  type BoxSecretKey,
  type DeviceIdentity,
  type PersonId,
  type PersonIdentity,
  type SigningPublicKey,
  type SigningSecretKey,
  type VaultKey,
  type WorkspaceId,
  type WorkspaceKey,
  toBase64Url,
} from '$lib/crypto';

async function seedOf(label: string, length = 32): Promise<Uint8Array> {
  await sodium.ready;
  await readyCrypto();
  return sodium.crypto_generichash(length, `trellis-test/${label}`, null);
}

/** A device identity that depends only on `label`. */
export async function seededIdentity(label: string): Promise<DeviceIdentity> {
  const seed = await seedOf(`identity/${label}`);
  const signing = sodium.crypto_sign_seed_keypair(seed);
  const box = sodium.crypto_box_seed_keypair(seed);
  return {
    deviceId: deviceIdOf(signing.publicKey as SigningPublicKey),
    signing: {
      publicKey: signing.publicKey as SigningPublicKey,
      secretKey: signing.privateKey as SigningSecretKey,
    },
    box: { publicKey: box.publicKey as BoxPublicKey, secretKey: box.privateKey as BoxSecretKey },
  };
}

/** 32 bytes that depend only on `label`, as a workspace key. */
export async function seededWorkspaceKey(label: string): Promise<WorkspaceKey> {
  return (await seedOf(`workspace-key/${label}`)) as WorkspaceKey;
}

/** 32 bytes that depend only on `label`, as a vault key. */
export async function seededVaultKey(label: string): Promise<VaultKey> {
  return (await seedOf(`vault-key/${label}`)) as VaultKey;
}

/** A workspace id that depends only on `label`. */
export async function seededWorkspaceId(label: string): Promise<WorkspaceId> {
  return toBase64Url(await seedOf(`workspace-id/${label}`, 16)) as WorkspaceId;
}

/** A person identity that depends only on `label`. */
export async function seededPerson(label: string): Promise<PersonIdentity> {
  const { deviceId, signing } = await seededIdentity(`person/${label}`);
  return { personId: deviceId as string as PersonId, signing };
}
