// The sync engine's entry point: open one workspace from the store, keep its inner doc (the
// plaintext the UI edits) and its outer doc (sealed blobs, the only thing that leaves the
// device) in step, and expose status, flush, compaction, epoch rollover and sync files.
import type * as Y from 'yjs';
import {
  readyCrypto,
  type DeviceId,
  type DeviceIdentity,
  type VaultKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { isQuotaError, loadStoredLog, type LoadWorkspaceError, type TrellisDb } from '$lib/store';
import { systemClock, type Clock } from '../clock/clock';
import { compactLog } from '../compaction/compactLog';
import { browserPageLifecycle, type PageLifecycle } from '../envelope/pageLifecycle';
import { publishPending, updateWaiting } from '../envelope/publishPending';
import { isLocalEdit } from '../envelope/syncOrigins';
import { publishSeed } from '../epoch/publishSeed';
import { rollEpoch, type RollEpochResult } from '../epoch/rollEpoch';
import type { Membership } from '../membership';
import { admitDevice, recheckDeviceBlobs } from '../receiver/admitDevice';
import { followMembership } from '../receiver/followMembership';
import type { RelayOptions } from '../relay/connectRelay';
import type { Observable, SyncStatus } from '../status/syncStatus';
import { exportSyncFile } from '../syncFile/exportSyncFile';
import { importSyncFile, type ImportSyncFileResult } from '../syncFile/importSyncFile';
import { createEngineContext } from './createEngineContext';
import type { EngineCounters, EngineSettings } from './engineContext';
import { loadEngineState } from './loadEngineState';
import { attachStoredRoom, loadStoredRoom } from './loadStoredRoom';
import { createRoomBinding, type OuterRoom } from './roomBinding';
import { StoredLogUnavailableError } from './storedLogUnavailableError';

/**
 * The defaults. Batching: a blob is sealed once typing pauses for 1.5 s, and at most 8 s after
 * the first edit waiting, so a partner sees a phrase soon after it is typed while a blob carries
 * ~20 keystrokes (each blob adds ~160 bytes and pads to 256). Compaction: past 300 blobs, and
 * only once the blobs it deletes weigh 8 times the state its snapshot resends.
 */
export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  idleMs: 1_500,
  maxDelayMs: 8_000,
  compactAfter: 300,
  compactBytesFactor: 8,
  compactJitterMs: 2_000,
  retryMs: 5_000,
  maxOuterRows: 64,
  healMaxDelayMs: 30_000,
};

/** An open, synced workspace. */
export interface SyncedWorkspace {
  /** The plaintext doc the workspace layer edits. Never leaves the device unencrypted. */
  readonly innerDoc: Y.Doc;
  readonly deviceId: DeviceId;
  readonly status: Observable<SyncStatus>;
  /**
   * The current room (it changes on an epoch rollover). Just after an open reports ready, its
   * outer doc may still lack the stored blobs (see `subscribeRoom`).
   */
  room(): OuterRoom;
  /** The current epoch's workspace key, for an invite to this workspace. Never log it. */
  key(): WorkspaceKey;
  /**
   * Calls `listener` once the room's stored log is loaded (at once if it is) and whenever the
   * room changes: only then does the outer doc hold everything this device stored.
   */
  subscribeRoom(listener: (room: OuterRoom) => void): () => void;
  /** Seals and publishes waiting local edits now, and stores everything. */
  flush(): Promise<void>;
  /**
   * Publishes what is waiting, then resolves true once the relay has stored everything this
   * device sent to the current room; false when not connected or the answer does not come.
   */
  confirmOnRelay(): Promise<boolean>;
  compact(): Promise<
    | { ok: true; deleted: number }
    | { ok: false; code: 'STORE_FULL' | 'STORE_UNREADABLE' | 'CLOSED' }
  >;
  rollEpoch(input: {
    epoch: number;
    key: WorkspaceKey;
  }): Promise<RollEpochResult | { ok: false; code: 'STORE_UNREADABLE' | 'CLOSED' }>;
  /**
   * Seals and publishes the edits still waiting first, so the file holds every edit made so far.
   * @throws StoredLogUnavailableError until the stored log is loaded (just after the open).
   */
  exportSyncFile(): Promise<Uint8Array>;
  /** @throws StoredLogUnavailableError until the stored log is loaded (just after the open). */
  importSyncFile(bytes: unknown): ImportSyncFileResult | { ok: false; code: 'CLOSED' };
  /**
   * The membership the chain gives now (PROTOCOL.md, "Membership chain"); undefined for a
   * workspace from before the chain, whose members are the stored device list.
   */
  membership(): Membership | undefined;
  /** Calls `listener` now and whenever the chain's membership changes; returns the stop. */
  onMembership(listener: (membership: Membership) => void): () => void;
  /** What the engine did since it opened (a copy). */
  counters(): EngineCounters;
  /**
   * How many blobs of the current epoch the inner doc holds, every device's, less the seed
   * snapshot each device opens a rotated epoch with: how busy the pair has been since its last
   * rotation. From the seq vector, so it survives compactions and reopening.
   */
  epochBlobCount(): number;
  /**
   * Accepts blobs from a device that joined the workspace.
   * @throws StoredLogUnavailableError if the stored log could not be read.
   */
  addDevice(deviceId: DeviceId): Promise<void>;
  /** Connects to / disconnects from the relay (no-op without one). */
  connect(): void;
  disconnect(): void;
  /** Resolves once no engine work (publishing, storing) is running or queued. */
  whenSettled(): Promise<void>;
  /** Flushes, stores and stops. The docs are destroyed; open again to continue. */
  close(): Promise<void>;
}

/** What `openSyncedWorkspace` needs. */
export interface OpenSyncedWorkspaceOptions {
  db: TrellisDb;
  identity: DeviceIdentity;
  vaultKey: VaultKey;
  workspaceId: WorkspaceId;
  clock?: Clock;
  relay?: RelayOptions;
  settings?: Partial<EngineSettings>;
  pageLifecycle?: PageLifecycle;
}

/**
 * Opens a stored workspace. It resolves once the inner doc is ready: with the encrypted cache
 * (the usual case) that is after one store transaction and one decryption, and the stored
 * outer doc is loaded just after, before anything touches the outer doc; without a usable
 * cache the inner doc is rebuilt from the stored outer doc first.
 *
 * @example
 *   const opened = await openSyncedWorkspace({ db, identity, vaultKey, workspaceId, relay: { url } });
 *   if (opened.ok) opened.workspace.innerDoc.getMap('goals').set('g1', 'Ship it');
 */
export async function openSyncedWorkspace(
  options: OpenSyncedWorkspaceOptions,
): Promise<{ ok: true; workspace: SyncedWorkspace } | { ok: false; code: LoadWorkspaceError }> {
  await readyCrypto();
  const { db, identity, vaultKey, workspaceId } = options;
  const loaded = await loadEngineState({ db, identity, vaultKey, workspaceId });
  if (!loaded.ok) return loaded;
  const { innerDoc, unpublished, cacheCovers, ownCoverageKnown } = loaded.state;
  // Without a cache covering the inner doc, the stored log is what rebuilds it: read it now, so
  // a failure fails the open as before (nothing has started yet).
  const stored = cacheCovers
    ? undefined
    : await loadStoredLog(db, { workspaceId, epoch: loaded.state.record.epoch });
  const clock = options.clock ?? systemClock;
  const settings = { ...DEFAULT_ENGINE_SETTINGS, ...options.settings };
  const { ctx, pendingWork, flushNow } = createEngineContext({
    db,
    identity,
    vaultKey,
    workspaceId,
    loaded: loaded.state,
    clock,
    settings,
  });

  // Before anything is received: the chain in the cached inner doc decides whom to accept.
  const chainRoot = loaded.state.record.chainRoot;
  const stopChain = chainRoot
    ? followMembership(ctx, {
        root: chainRoot,
        recheck: (deviceId) => recheckDeviceBlobs(ctx, deviceId),
      })
    : () => undefined;
  if (unpublished) ctx.queue.push(unpublished.update, unpublished.incarnations);
  innerDoc.on('update', (update: Uint8Array, origin: unknown) => {
    ctx.innerDirty = true;
    if (isLocalEdit(origin)) {
      ctx.queue.push(update, [ctx.incarnation]);
      updateWaiting(ctx);
    }
    ctx.checkpoints.request();
  });
  const binding = createRoomBinding(ctx, options.relay);
  const roomOptions = {
    attach: binding.attach,
    ownCoverageKnown,
    damageRecords: loaded.state.damageRecords,
  };
  if (stored) {
    attachStoredRoom(ctx, { ...roomOptions, stored });
    void ctx.tasks.run(() => publishSeed(ctx));
    // The cache did not describe this inner doc (none, unreadable, or of an older epoch).
    ctx.innerDirty = true;
    ctx.checkpoints.request();
  } else {
    // The first serial task: whatever needs the stored log (publishing, compaction, a rollover,
    // a new member) is queued behind it and finds it loaded, unless reading failed (and the
    // loader's retry is pending).
    void ctx.tasks.run(() => loadStoredRoom(ctx, roomOptions));
  }
  const stopHidden = (options.pageLifecycle ?? browserPageLifecycle()).onHidden(flushNow);
  updateWaiting(ctx);

  const whenSettled = async () => {
    do {
      await ctx.tasks.idle();
      await ctx.checkpoints.idle();
      await Promise.allSettled([...pendingWork]);
      await Promise.resolve();
    } while (pendingWork.size > 0);
  };

  const workspace: SyncedWorkspace = {
    innerDoc,
    deviceId: identity.deviceId,
    status: ctx.status,
    room: binding.current,
    key: () => ctx.room.key,
    counters: () => ({ ...ctx.counters }),
    epochBlobCount() {
      // A device's seqs start at 1 in every epoch; in a rotated one its first blob is its seed.
      const seeds = ctx.room.epoch > 0 ? 1 : 0;
      let blobs = 0;
      for (const seq of ctx.room.tracker.vector().values()) blobs += Math.max(0, seq - seeds);
      return blobs;
    },
    membership: () => ctx.chain?.membership,
    onMembership(listener) {
      const chain = ctx.chain;
      if (!chain) return () => undefined;
      chain.listeners.add(listener);
      listener(chain.membership);
      return () => chain.listeners.delete(listener);
    },
    subscribeRoom: binding.subscribe,
    async flush() {
      if (ctx.closed) return;
      await ctx.tasks.run(() => publishPending(ctx));
      await ctx.checkpoints.idle();
    },
    async confirmOnRelay() {
      if (ctx.closed) return false;
      await ctx.tasks.run(() => publishPending(ctx));
      return binding.confirm();
    },
    compact: () =>
      ctx.tasks.run(async () => {
        if (ctx.closed) return { ok: false as const, code: 'CLOSED' as const };
        if (!ctx.logLoaded) return { ok: false as const, code: 'STORE_UNREADABLE' as const };
        await publishPending(ctx);
        try {
          const { deleted } = await compactLog(ctx, { deleteCovered: true });
          return { ok: true as const, deleted };
        } catch (error) {
          if (isQuotaError(error)) return { ok: false as const, code: 'STORE_FULL' as const };
          throw error;
        }
      }),
    rollEpoch: ({ epoch, key }) =>
      ctx.tasks.run(async () => {
        if (ctx.closed) return { ok: false as const, code: 'CLOSED' as const };
        if (!ctx.logLoaded) return { ok: false as const, code: 'STORE_UNREADABLE' as const };
        return rollEpoch(ctx, { epoch, key, replaceRoom: binding.replace });
      }),
    exportSyncFile() {
      if (!ctx.logLoaded) throw new StoredLogUnavailableError();
      const sealed = ctx.closed ? Promise.resolve() : ctx.tasks.run(() => publishPending(ctx));
      return sealed.then(() => exportSyncFile(ctx));
    },
    importSyncFile(bytes) {
      if (ctx.closed) return { ok: false, code: 'CLOSED' };
      if (!ctx.logLoaded) throw new StoredLogUnavailableError();
      return importSyncFile(ctx, bytes);
    },
    addDevice: (deviceId) =>
      ctx.tasks.run(async () => {
        if (!ctx.logLoaded) throw new StoredLogUnavailableError();
        await admitDevice(ctx, deviceId);
      }),
    connect: () => binding.connect(),
    disconnect: () => binding.disconnect(),
    whenSettled,
    async close() {
      if (ctx.closed) return;
      stopHidden();
      stopChain();
      await ctx.tasks.run(() => publishPending(ctx));
      ctx.closed = true;
      await ctx.tasks.idle();
      binding.unbind();
      ctx.queue.dispose();
      ctx.innerDirty = true;
      ctx.checkpoints.request();
      await whenSettled();
      ctx.room.outerDoc.destroy();
      innerDoc.destroy();
    },
  };
  return { ok: true, workspace };
}
