// The sync state the UI shows, as one small observable. It is a plain subscribe/get object so
// the sync layer needs no Svelte; src/lib/state wraps it in a rune class.
import type { DeviceId } from '$lib/crypto';
import type { SeqGap } from '../receiver/seqTracker';

/** How the workspace is connected to its relay. */
export type SyncConnection = 'offline' | 'connecting' | 'synced';

/**
 * How far another device had this device's changes, by the newest head vector it sealed (see
 * docs/PROTOCOL.md, "Blob payloads"). Seqs count blobs of the current epoch.
 */
export interface DeviceHeads {
  deviceId: DeviceId;
  /** The highest seq of this device's blobs it had applied, in order. */
  hasMineUpTo: number;
  /** This device's highest published seq now. */
  mineNow: number;
  /** Clock time (ms) when this device received that vector. */
  at: number;
}

/**
 * A sign that a device (or the relay) went back to an older state, from head vectors:
 * `went-back`: a later blob of `deviceId` says it had less than an earlier one said (it forgot,
 * was restored from an old copy, or was served an old state); `ahead-of-me`: `deviceId` claims
 * more of this device's blobs than this device ever published (someone writes as this device,
 * or this device was rolled back); `newer-epoch`: `deviceId` is in a later epoch than this
 * device (the move to it may be being withheld from this device).
 */
export interface RollbackWarning {
  deviceId: DeviceId;
  kind: 'went-back' | 'ahead-of-me' | 'newer-epoch';
}

/** Everything the UI shows about a workspace's sync. */
export interface SyncStatus {
  connection: SyncConnection;
  /** Clock time (ms) of the last completed sync with the relay, or null. */
  syncedAt: number | null;
  /** Local changes not yet sent: edits not yet sealed plus blobs published while not synced. */
  waiting: number;
  /** Distinct blobs that failed a check (kept, never applied). */
  quarantined: number;
  /** Damaged copies set aside until an intact copy is fetched again (see docs/PROTOCOL.md). */
  healing: number;
  /** Blobs dropped because their seq was already applied (replays, redeliveries). */
  duplicates: number;
  /** Missing updates from a device: seqs skipped by blobs that did arrive (held until filled). */
  gaps: readonly SeqGap[];
  /** A store failure a person should act on (e.g. the device is full), or null. */
  storeError: string | null;
  /** The relay refused this workspace for good (e.g. a wrong token), or null. */
  relayError: string | null;
  /** The current epoch. */
  epoch: number;
  /** Per other member device heard from in this epoch, how far it had this device's changes. */
  heads: readonly DeviceHeads[];
  /** Signs of a rollback seen in this epoch (each device and kind once). */
  rollback: readonly RollbackWarning[];
}

/** A read-only observable value. */
export interface Observable<T> {
  get(): T;
  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}

/** The engine's side of the status: it can also change it. */
export interface SyncStatusStore extends Observable<SyncStatus> {
  update(patch: Partial<SyncStatus>): void;
}

/**
 * A status store starting from `initial`.
 *
 * @example
 *   const status = createSyncStatus({ ...OFFLINE_STATUS, epoch: 0 });
 *   const stop = status.subscribe((value) => render(value));
 */
export function createSyncStatus(initial: SyncStatus): SyncStatusStore {
  let value = initial;
  const listeners = new Set<(value: SyncStatus) => void>();
  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      listener(value);
      return () => listeners.delete(listener);
    },
    update(patch) {
      const changed = (Object.keys(patch) as (keyof SyncStatus)[]).some((key) =>
        // Lists are recomputed as new arrays: compare them by content.
        Array.isArray(patch[key])
          ? JSON.stringify(patch[key]) !== JSON.stringify(value[key])
          : !Object.is(patch[key], value[key]),
      );
      if (!changed) return;
      value = { ...value, ...patch };
      for (const listener of [...listeners]) listener(value);
    },
  };
}

/** The status of a workspace that has not connected yet. */
export const INITIAL_SYNC_STATUS: SyncStatus = {
  connection: 'offline',
  syncedAt: null,
  waiting: 0,
  quarantined: 0,
  healing: 0,
  duplicates: 0,
  gaps: [],
  storeError: null,
  relayError: null,
  epoch: 0,
  heads: [],
  rollback: [],
};

/**
 * A person-readable line for a gap.
 *
 * @example
 *   describeGap({ deviceId, fromSeq: 4, toSeq: 6 }); // 'missing updates from device abcd1234 (4–6)'
 */
export function describeGap(gap: SeqGap): string {
  const range = gap.fromSeq === gap.toSeq ? `${gap.fromSeq}` : `${gap.fromSeq}–${gap.toSeq}`;
  return `missing updates from device ${shortDevice(gap.deviceId)} (${range})`;
}

const shortDevice = (deviceId: DeviceId) => deviceId.slice(0, 8);
