// The public API of src/lib/store: the Dexie database and one module of access functions per
// table. Only ciphertext, wrapped keys and public header fields are stored.
export {
  openTrellisDb,
  TrellisDb,
  type IdentityRow,
  type InnerCacheRow,
  type OuterUpdateRow,
  type OwnBlobRow,
  type PersonRow,
  type ProfileRow,
  type QuarantineRow,
  type SeqStateRow,
  type VaultRow,
  type WorkspaceRow,
} from './trellisDb';
export { isQuotaError, StoreFullError, withStoreErrors } from './storeFullError';
export {
  requestPersistentStorage,
  type PersistableStorage,
  type PersistentStorageResult,
} from './requestPersistentStorage';
export {
  DEFAULT_IDLE_MINUTES,
  loadOrCreateVaultKey,
  MAX_IDLE_MINUTES,
  readVaultState,
  removeVaultPassphrase,
  setIdleMinutes,
  setVaultPassphrase,
  unlockVault,
  VaultKeyMismatchError,
  VaultLockedError,
  type UnlockVaultCode,
  type VaultState,
} from './vaultKeyStore';
export { eraseTrellisData } from './eraseTrellisData';
export {
  loadDeviceIdentity,
  loadOrCreateDeviceIdentity,
  saveDeviceIdentity,
  type LoadIdentityError,
} from './identityStore';
export {
  addWorkspaceDevice,
  createWorkspace,
  listWorkspaceIds,
  loadWorkspace,
  nextIncarnation,
  parseWorkspaceRow,
  type LoadWorkspaceError,
  type WorkspaceRecord,
} from './workspaceStore';
export { beginWorkspaceOpen, type WorkspaceOpening } from './beginWorkspaceOpen';
export { markSeedPublished, switchWorkspaceEpoch } from './workspaceEpochStore';
export { loadOuterUpdates } from './outerUpdateStore';
export { loadStoredLog, type StoredLog } from './loadStoredLog';
export { loadPublishedSeq } from './seqStateStore';
export { loadOwnBlobs, pruneOwnBlobs, storeOwnBlob, type OwnBlob } from './ownBlobStore';
export { loadInnerCache, type InnerCache } from './innerCacheStore';
export { countOuterUpdates, saveSyncCheckpoint, type SyncCheckpoint } from './syncCheckpointStore';
export {
  addQuarantined,
  countQuarantined,
  listQuarantined,
  releaseQuarantined,
} from './quarantineStore';
export { loadProfile, saveProfile } from './profileStore';
export {
  loadOrCreatePersonIdentity,
  loadPersonIdentity,
  savePersonIdentity,
  type LoadPersonError,
} from './personIdentityStore';
export { loadPartnerTrust, savePartnerTrust, type PartnerTrust } from './partnerTrustStore';
export { deleteWorkspaceData } from './deleteWorkspaceData';
