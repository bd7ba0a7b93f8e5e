// The state one open workspace shares between the engine's modules. Modules are functions over
// this context rather than methods of one large class, so each stays small and testable.
import type * as Y from 'yjs';
import type {
  DeviceId,
  DeviceIdentity,
  RelayToken,
  RoomId,
  VaultKey,
  WorkspaceId,
  WorkspaceKey,
} from '$lib/crypto';
import type { TrellisDb } from '$lib/store';
import type { BlobHeader } from '../blob';
import type { Clock } from '../clock/clock';
import type { SealQueue } from '../envelope/sealQueue';
import type { DamagedCopy } from '../heal/damagedCopy';
import type { ClientIdOwnership } from '../receiver/clientIdOwnership';
import type { ChainState } from '../receiver/followMembership';
import type { SeqTracker } from '../receiver/seqTracker';
import type { HeadVector } from '../heads/headVector';
import type { RollbackWarning, SyncStatusStore } from '../status/syncStatus';
import type { CoalescingWriter } from '../persistence/coalescingWriter';
import type { SerialTasks } from './serialTasks';

/** A blob that passed `openBlob`: authentic, decrypted, not yet applied. */
export interface OpenedBlob {
  blob: Uint8Array;
  header: BlobHeader;
  payload: Uint8Array;
}

/** One epoch's room: its key, its outer doc, and what this device knows of its blobs. */
export interface EpochRoom {
  epoch: number;
  key: WorkspaceKey;
  roomId: RoomId;
  relayToken: RelayToken;
  outerDoc: Y.Doc;
  log: Y.Array<unknown>;
  tracker: SeqTracker<OpenedBlob>;
  /**
   * Per device, the snapshots of other members whose manifests cover it beyond what it
   * confirmed, with how far (this session only): one is reported if the device's own blob
   * proves it false.
   */
  claims: Map<DeviceId, { seq: number; snapshot: OpenedBlob }[]>;
  /** Log entries this device opened successfully (or did before, per its cache). */
  verified: WeakSet<Uint8Array>;
  /** This device's own blobs of the epoch, by seq, until a snapshot covers them. */
  ownBlobs: Map<number, Uint8Array>;
  /** The highest own seq a verified snapshot covers. */
  ownCoveredUpTo: number;
  /** Outer-doc updates not yet in IndexedDB. */
  unsavedOuter: Uint8Array[];
  /** Outer-doc update rows in IndexedDB (folded into one past a bound). */
  storedOuterRows: number;
  /** Own blobs published while not synced with a relay. */
  unsent: number;
  /** Copies set aside as damaged, by outer-doc item id (`copyKey`), until an intact one comes. */
  damaged: Map<string, DamagedCopy>;
  /** The stored outer-doc rows hold bytes since put right: the next checkpoint rewrites them. */
  foldOuter: boolean;
  /** Tells whoever heals the room (the relay binding) that something may need healing. */
  wake: () => void;
  /**
   * The confirmed seq per device that this device's store holds (its cache row and stored log):
   * what its head vectors give, so a crash that loses the last moments never makes it seem to
   * go back.
   */
  storedConfirmed: ReadonlyMap<DeviceId, number>;
  /** Per other device, its newest head vector applied here (by its seq), and when (clock ms). */
  heard: Map<DeviceId, { seq: number; heads: HeadVector; at: number }>;
  /** Rollback warnings seen in this room, each device and kind once. */
  rollback: RollbackWarning[];
}

/** What the engine did since it opened: for tests, benchmarks and diagnostics. */
export interface EngineCounters {
  /** Blobs that passed `openBlob` (signature checked, decrypted). */
  opened: number;
  /** Blobs applied to the inner doc. */
  applied: number;
  /** Blobs held behind a seq gap. */
  held: number;
  /** Blobs dropped as already applied. */
  duplicates: number;
  /** Blobs quarantined (each distinct blob once). */
  quarantined: number;
  /** Blobs this device published (updates and snapshots). */
  published: number;
  /** Compactions this device ran, and the blobs they deleted. */
  compactions: number;
  deleted: number;
  /** Own blobs published again after a deletion without a covering snapshot. */
  republished: number;
  /** Set-aside copies put right by an intact copy of the same item. */
  repaired: number;
  /** Blobs missing behind a gap taken from a copy Yjs would have dropped. */
  refetched: number;
  /** Frames from the relay that did not parse (counted and dropped, never thrown). */
  garbledFrames: number;
  /** Own blobs read back from the store that failed their checks (never republished). */
  damagedOwn: number;
  /** Stored outer-doc rows left out at open as damaged (then rewritten). */
  damagedRows: number;
  /** Set-aside copies given up (never came back intact; see heal/damagedCopy.ts). */
  gaveUp: number;
}

/** Tunable limits of the engine. */
export interface EngineSettings {
  idleMs: number;
  maxDelayMs: number;
  /** Compact once the log holds more than this many blobs (and the bytes rule below holds). */
  compactAfter: number;
  /**
   * Compact only once the update blobs it would delete weigh at least this many times the inner
   * doc's encoded state (what its snapshot sends again, to the relay and every device); 0 turns
   * this rule off.
   */
  compactBytesFactor: number;
  /** Devices wait up to this long (a share fixed by their id) before compacting. */
  compactJitterMs: number;
  /** Wait this long before retrying a store write that failed. */
  retryMs: number;
  /** Fold the stored outer-doc rows into one past this many. */
  maxOuterRows: number;
  /** The longest wait between two requests for intact copies on one connection. */
  healMaxDelayMs: number;
}

/** The shared state of one open workspace. */
export interface EngineContext {
  db: TrellisDb;
  identity: DeviceIdentity;
  vaultKey: VaultKey;
  workspaceId: WorkspaceId;
  /** The devices whose blobs are accepted: the chain's (see followMembership.ts), and this one. */
  devices: Set<DeviceId>;
  /** The membership chain being followed; absent for a workspace from before the chain. */
  chain?: ChainState;
  cacheKey: Uint8Array;
  clock: Clock;
  settings: EngineSettings;
  incarnation: number;
  innerDoc: Y.Doc;
  /** Replaced on an epoch rollover. */
  room: EpochRoom;
  queue: SealQueue;
  ownership: ClientIdOwnership;
  /** Hashes of quarantined blobs (persisted), so each is counted once. */
  quarantined: Set<string>;
  /** Of those, the ones refused as `UNKNOWN_DEVICE`, with their device (released on admission). */
  unknownDeviceBlobs: Map<string, DeviceId>;
  /** While an open scans the stored log: every quarantined hash it met (see recheckDamageRecords). */
  quarantineSeen?: Set<string>;
  status: SyncStatusStore;
  counters: EngineCounters;
  tasks: SerialTasks;
  checkpoints: CoalescingWriter;
  /** The cache row is stale: the inner doc, or the own coverage it records, changed since. */
  innerDirty: boolean;
  /** A compaction is queued and has not started yet. */
  compactionQueued: boolean;
  /** This device still owes the current epoch its seed snapshot. */
  seedPending: boolean;
  /**
   * The current room's stored outer doc and own blobs are loaded and the room is attached
   * (listeners, relay). Until then nothing reads or writes the outer doc.
   */
  logLoaded: boolean;
  /** Bytes of the inner doc's encoded state when it was last encoded (cache or checkpoint). */
  innerStateBytes: number;
  /** Set by `close`: no new work starts. */
  closed: boolean;
  /** Background work (store writes) whose failures surface in the status. */
  track(work: Promise<unknown>): void;
}
