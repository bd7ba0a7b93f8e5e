// The public API of src/lib/crypto. `encryptAeadWithNonce` and `verifyEd25519` stay internal:
// they exist for the fixed-vector tests and would let callers skip the random nonce or the
// signature domain.
export type { Brand } from './brand';
export type {
  BoxPublicKey,
  BoxSecretKey,
  DeviceId,
  DeviceIdentity,
  PersonId,
  PersonIdentity,
  RelayToken,
  RoomId,
  SigningPublicKey,
  SigningSecretKey,
  VaultKey,
  WorkspaceId,
  WorkspaceKey,
  WrappedKey,
} from './types';
export { CryptoNotReadyError, isCryptoReady, readyCrypto } from './sodium';
export { concatBytes, isBytes } from './bytes';
export * from './sizes';
export { randomBytes } from './randomBytes';
export { toBase64Url } from './toBase64Url';
export { fromBase64Url } from './fromBase64Url';
export { generateDeviceIdentity } from './generateDeviceIdentity';
export { generatePersonIdentity } from './generatePersonIdentity';
export { isSigningKeyPair } from './isSigningKeyPair';
export { deviceIdOf } from './deviceIdOf';
export { publicKeyOfDevice } from './publicKeyOfDevice';
export { generateWorkspaceKey } from './generateWorkspaceKey';
export { generateVaultKey } from './generateVaultKey';
export { generateWorkspaceId } from './generateWorkspaceId';
export { parseWorkspaceId } from './parseWorkspaceId';
export { deriveRoomId } from './deriveRoomId';
export { deriveRelayToken } from './deriveRelayToken';
export { deriveRendezvousKey } from './deriveRendezvousKey';
export { encryptAead } from './encryptAead';
export { decryptAead } from './decryptAead';
export { openSecret, sealSecret } from './sealSecret';
export type { SignatureDomain } from './signatureDomain';
export { signDetached } from './signDetached';
export { verifyDetached } from './verifyDetached';
export { wrapKey } from './wrapKey';
export { unwrapKey } from './unwrapKey';
export { padPlaintext } from './padPlaintext';
export { unpadPlaintext } from './unpadPlaintext';
export { hashBytes } from './hashBytes';
export { deriveClientId } from './deriveClientId';
export { sealToDevice } from './sealToDevice';
export { openSealedToDevice } from './openSealedToDevice';
// Passphrase vault and safety code. `UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS` stays internal: tests
// import it from './derivePassphraseKey', so production code cannot pick cheap parameters.
export {
  DEFAULT_PASSPHRASE_PARAMS,
  derivePassphraseKey,
  isAcceptedPassphraseParams,
  PASSPHRASE_PARAMS_CEILING,
  PASSPHRASE_PARAMS_FLOOR,
  PASSPHRASE_SALT_BYTES,
  PassphraseParamsError,
  type PassphraseKey,
  type PassphraseParams,
  type UnsafeTestOnlyParams,
} from './derivePassphraseKey';
export {
  LOCKED_VAULT_VERSION,
  LOCKED_VAULT_WRAPPED_BYTES,
  lockVaultKey,
  type LockedVault,
} from './lockVaultKey';
export {
  parseLockedVault,
  unlockVaultKey,
  type UnlockVaultErrorCode,
  type UnlockVaultResult,
} from './unlockVaultKey';
export {
  computeSafetyCode,
  SAFETY_CODE_GROUP_DIGITS,
  SAFETY_CODE_GROUPS,
  type SafetyCode,
} from './computeSafetyCode';
