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
import { isQuotaError, type LoadWorkspaceError, type TrellisDb } from '$lib/store';
import { readBlobHeader } from '../blob';
import { systemClock, type Clock } from '../clock/clock';
import { compactLog } from '../compaction/compactLog';
import { republishOwn } from '../compaction/republishOwn';
import { browserPageLifecycle, type PageLifecycle } from '../envelope/pageLifecycle';
import { publishPending, updateWaiting } from '../envelope/publishPending';
import { isLocalEdit } from '../envelope/syncOrigins';
import { publishSeed } from '../epoch/publishSeed';
import { rollEpoch, type RollEpochResult } from '../epoch/rollEpoch';
import { admitDevice } from '../receiver/admitDevice';
import { receiveBlob } from '../receiver/receiveBlob';
import { scanStoredLog } from '../receiver/scanStoredLog';
import type { RelayOptions } from '../relay/connectRelay';
import type { Observable, SyncStatus } from '../status/syncStatus';
import { exportSyncFile } from '../syncFile/exportSyncFile';
import { importSyncFile, type ImportSyncFileResult } from '../syncFile/importSyncFile';
import { createEngineContext } from './createEngineContext';
import type { EngineCounters, EngineSettings } from './engineContext';
import { loadEngineState } from './loadEngineState';
import { createRoomBinding, type OuterRoom } from './roomBinding';

/** The defaults: a 300 ms idle window, 2 s at most, compaction past 300 blobs. */
export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  idleMs: 300,
  maxDelayMs: 2_000,
  compactAfter: 300,
  compactJitterMs: 2_000,
  retryMs: 5_000,
  maxOuterRows: 64,
  admitKeyHolders: false,
};

/** An open, synced workspace. */
export interface SyncedWorkspace {
  /** The plaintext doc the workspace layer edits. Never leaves the device unencrypted. */
  readonly innerDoc: Y.Doc;
  readonly deviceId: DeviceId;
  readonly status: Observable<SyncStatus>;
  /** The current room (it changes on an epoch rollover). */
  room(): OuterRoom;
  /** The current epoch's workspace key, for an invite to this workspace. Never log it. */
  key(): WorkspaceKey;
  /** Calls `listener` now and whenever the room changes. */
  subscribeRoom(listener: (room: OuterRoom) => void): () => void;
  /** Seals and publishes waiting local edits now, and stores everything. */
  flush(): Promise<void>;
  compact(): Promise<{ ok: true; deleted: number } | { ok: false; code: 'STORE_FULL' | 'CLOSED' }>;
  rollEpoch(input: {
    epoch: number;
    key: WorkspaceKey;
  }): Promise<RollEpochResult | { ok: false; code: 'CLOSED' }>;
  exportSyncFile(): Uint8Array;
  importSyncFile(bytes: unknown): ImportSyncFileResult | { ok: false; code: 'CLOSED' };
  /** What the engine did since it opened (a copy). */
  counters(): EngineCounters;
  /** Accepts blobs from a device that joined the workspace. */
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
 * Opens a stored workspace.
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
  const clock = options.clock ?? systemClock;
  const settings = { ...DEFAULT_ENGINE_SETTINGS, ...options.settings };
  const { innerDoc, unpublished } = loaded.state;
  const { ctx, pendingWork, flushNow } = createEngineContext({
    db,
    identity,
    vaultKey,
    workspaceId,
    loaded: loaded.state,
    clock,
    settings,
  });

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
  scanStoredLog(ctx);
  // Own blobs the stored outer doc lost (a crash before its checkpoint, or a deletion by the
  // relay) go back; those the cache does not cover yet are applied like any other blob.
  for (const blob of republishOwn(ctx)) {
    const read = readBlobHeader(blob);
    if (read.ok && read.header.seq > ctx.room.tracker.contiguous(identity.deviceId)) {
      receiveBlob(ctx, blob);
    }
  }
  const stopHidden = (options.pageLifecycle ?? browserPageLifecycle()).onHidden(flushNow);
  void ctx.tasks.run(() => publishSeed(ctx));
  ctx.innerDirty = true;
  ctx.checkpoints.request();
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
    subscribeRoom: binding.subscribe,
    async flush() {
      if (ctx.closed) return;
      await ctx.tasks.run(() => publishPending(ctx));
      await ctx.checkpoints.idle();
    },
    compact: () =>
      ctx.tasks.run(async () => {
        if (ctx.closed) return { ok: false as const, code: 'CLOSED' as const };
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
      ctx.tasks.run(async () =>
        ctx.closed
          ? { ok: false as const, code: 'CLOSED' as const }
          : rollEpoch(ctx, { epoch, key, replaceRoom: binding.replace }),
      ),
    exportSyncFile: () => exportSyncFile(ctx),
    importSyncFile: (bytes) =>
      ctx.closed ? { ok: false, code: 'CLOSED' } : importSyncFile(ctx, bytes),
    addDevice: (deviceId) => ctx.tasks.run(() => admitDevice(ctx, deviceId)),
    connect: () => binding.relay()?.connect(),
    disconnect: () => binding.relay()?.disconnect(),
    whenSettled,
    async close() {
      if (ctx.closed) return;
      stopHidden();
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
