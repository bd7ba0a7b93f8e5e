// Builds the shared state of an open workspace from what `loadEngineState` read: the seal
// queue, the status, the one-at-a-time task runner, the coalescing checkpoint writer, and the
// funnel that turns background store failures into a status message.
import type { DeviceIdentity, VaultKey, WorkspaceId } from '$lib/crypto';
import { isQuotaError, type TrellisDb } from '$lib/store';
import type { Clock } from '../clock/clock';
import { publishPending } from '../envelope/publishPending';
import { createSealQueue } from '../envelope/sealQueue';
import { createCoalescingWriter } from '../persistence/coalescingWriter';
import { writeCheckpoint } from '../persistence/writeCheckpoint';
import { createClientIdOwnership } from '../receiver/clientIdOwnership';
import { createSyncStatus, INITIAL_SYNC_STATUS } from '../status/syncStatus';
import type { EngineContext, EngineSettings } from './engineContext';
import type { LoadedEngineState } from './loadEngineState';
import { createSerialTasks } from './serialTasks';

/** The context, and what the engine needs to wait for its background work. */
export interface CreatedEngineContext {
  ctx: EngineContext;
  /** Background store writes still running. */
  pendingWork: Set<Promise<unknown>>;
  /** Seals the queue now (as a serial task). */
  flushNow: () => void;
}

/**
 * The context of a workspace about to open.
 *
 * @example
 *   const { ctx, flushNow } = createEngineContext({ ...options, loaded, clock, settings });
 */
export function createEngineContext(input: {
  db: TrellisDb;
  identity: DeviceIdentity;
  vaultKey: VaultKey;
  workspaceId: WorkspaceId;
  loaded: LoadedEngineState;
  clock: Clock;
  settings: EngineSettings;
}): CreatedEngineContext {
  const { db, identity, vaultKey, workspaceId, loaded, clock, settings } = input;
  const pendingWork = new Set<Promise<unknown>>();
  const flushNow = () => void ctx.tasks.run(() => publishPending(ctx));
  const reportStoreError = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    ctx.status.update({ storeError: isQuotaError(error) ? message : `Storage failed: ${message}` });
  };
  const ctx: EngineContext = {
    db,
    identity,
    vaultKey,
    workspaceId,
    // With a chain, the chain alone names the others (followMembership fills this in).
    devices: new Set([
      ...(loaded.record.chainRoot ? [] : loaded.record.devices),
      identity.deviceId,
    ]),
    cacheKey: loaded.record.cacheKey,
    clock,
    settings,
    incarnation: loaded.record.incarnation,
    innerDoc: loaded.innerDoc,
    room: loaded.room,
    queue: createSealQueue({
      clock,
      idleMs: settings.idleMs,
      maxDelayMs: settings.maxDelayMs,
      onDue: flushNow,
    }),
    ownership: createClientIdOwnership(),
    quarantined: loaded.quarantined,
    unknownDeviceBlobs: loaded.unknownDeviceBlobs,
    counters: {
      opened: 0,
      applied: 0,
      held: 0,
      duplicates: 0,
      quarantined: 0,
      published: 0,
      compactions: 0,
      deleted: 0,
      republished: 0,
      repaired: 0,
      refetched: 0,
      garbledFrames: 0,
      damagedOwn: 0,
      damagedRows: 0,
      gaveUp: 0,
    },
    status: createSyncStatus({
      ...INITIAL_SYNC_STATUS,
      epoch: loaded.record.epoch,
      quarantined: loaded.quarantined.size,
    }),
    tasks: createSerialTasks(),
    checkpoints: createCoalescingWriter({
      write: async () => {
        await writeCheckpoint(ctx);
        // Stored again: a full-disk message no longer applies unless edits still wait.
        if (ctx.status.get().storeError && ctx.queue.size() === 0) {
          ctx.status.update({ storeError: null });
        }
      },
      onError: (error) => {
        reportStoreError(error);
        clock.setTimeout(() => ctx.checkpoints.request(), settings.retryMs);
      },
    }),
    innerDirty: false,
    compactionQueued: false,
    seedPending: loaded.record.seedPending,
    logLoaded: false,
    innerStateBytes: loaded.innerStateBytes,
    closed: false,
    track(work) {
      pendingWork.add(work);
      work.then(
        () => pendingWork.delete(work),
        (error: unknown) => {
          pendingWork.delete(work);
          reportStoreError(error);
        },
      );
    },
  };
  return { ctx, pendingWork, flushNow };
}
