// The public API of src/lib/sync: the encrypted sync engine. The state layer opens a workspace
// with `openSyncedWorkspace` and edits its inner doc; everything else here is for providers,
// tests and benchmarks.
export {
  openSyncedWorkspace,
  DEFAULT_ENGINE_SETTINGS,
  type OpenSyncedWorkspaceOptions,
  type SyncedWorkspace,
} from './engine/openSyncedWorkspace';
export type { OuterRoom } from './engine/roomBinding';
export { StoredLogUnavailableError } from './engine/storedLogUnavailableError';
export type { EngineCounters, EngineSettings } from './engine/engineContext';
export { systemClock, type Clock, type TimerHandle } from './clock/clock';
export { createManualClock, type ManualClock } from './clock/manualClock';
export { browserPageLifecycle, type PageLifecycle } from './envelope/pageLifecycle';
export { OUTER_LOG_NAME, getOuterLog } from './envelope/outerLog';
export {
  encodeUpdatePayload,
  decodeUpdatePayload,
  type UpdatePayload,
} from './envelope/updatePayload';
export {
  encodeSnapshotPayload,
  decodeSnapshotPayload,
  type SnapshotPayload,
} from './compaction/snapshotPayload';
export type { RollEpochResult } from './epoch/rollEpoch';
export type { RelayOptions } from './relay/connectRelay';
export type { SeqGap } from './receiver/seqTracker';
export {
  describeGap,
  INITIAL_SYNC_STATUS,
  type DeviceHeads,
  type RollbackWarning,
  type Observable,
  type SyncConnection,
  type SyncStatus,
} from './status/syncStatus';
export {
  encodeSyncFile,
  parseSyncFile,
  SYNC_FILE_MAGIC,
  type SyncFile,
  type SyncFileErrorCode,
} from './syncFile/syncFile';
export type { ImportSyncFileResult } from './syncFile/importSyncFile';
