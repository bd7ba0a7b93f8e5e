import type { Brand } from './brand';

/** 32 random bytes, one per pair and epoch; encrypts that epoch's blobs. */
export type WorkspaceKey = Brand<Uint8Array, 'WorkspaceKey'>;
/** 32 random bytes; wraps every local secret at rest. */
export type VaultKey = Brand<Uint8Array, 'VaultKey'>;
/** Ed25519 public key, 32 bytes. */
export type SigningPublicKey = Brand<Uint8Array, 'SigningPublicKey'>;
/** Ed25519 secret key in libsodium's layout (seed | public key), 64 bytes. */
export type SigningSecretKey = Brand<Uint8Array, 'SigningSecretKey'>;
/** X25519 public key, 32 bytes. */
export type BoxPublicKey = Brand<Uint8Array, 'BoxPublicKey'>;
/** X25519 secret key, 32 bytes. */
export type BoxSecretKey = Brand<Uint8Array, 'BoxSecretKey'>;
/** base64url (no padding) of the device's SigningPublicKey: 43 characters. */
export type DeviceId = Brand<string, 'DeviceId'>;
/** base64url (no padding) of 16 random bytes: 22 characters. */
export type WorkspaceId = Brand<string, 'WorkspaceId'>;
/** base64url (no padding) of 32 bytes derived from the epoch key: 43 characters. */
export type RoomId = Brand<string, 'RoomId'>;
/** base64url (no padding) of 32 bytes derived from the epoch key: 43 characters. */
export type RelayToken = Brand<string, 'RelayToken'>;
/** nonce(24) | XChaCha20-Poly1305 ciphertext of a key under the vault key. */
export type WrappedKey = Brand<Uint8Array, 'WrappedKey'>;

/** One device's long-lived key pairs; the signing public key is its identity. */
export interface DeviceIdentity {
  deviceId: DeviceId;
  signing: { publicKey: SigningPublicKey; secretKey: SigningSecretKey };
  box: { publicKey: BoxPublicKey; secretKey: BoxSecretKey };
}

/** base64url (no padding) of a person's SigningPublicKey: 43 characters, like a device id. */
export type PersonId = Brand<string, 'PersonId'>;

/**
 * A person's identity key pair, shared by all of that person's devices (a linked device receives
 * it sealed). It names the person in a pair, signs the agreement and certifies the person's
 * devices; the safety code is computed from it.
 */
export interface PersonIdentity {
  personId: PersonId;
  signing: { publicKey: SigningPublicKey; secretKey: SigningSecretKey };
}
