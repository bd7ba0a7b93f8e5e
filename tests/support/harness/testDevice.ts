// One simulated device: its own IndexedDB (a private fake-indexeddb factory), identity and
// vault key, and the engine it opens from that store. `restart` closes the engine and the
// database connection and opens both again, as a page reload would.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DeviceId, DeviceIdentity, VaultKey, WorkspaceId, WorkspaceKey } from '$lib/crypto';
import { createWorkspace, openTrellisDb, type TrellisDb } from '$lib/store';
import {
  openSyncedWorkspace,
  type Clock,
  type TimerHandle,
  type EngineSettings,
  type PageLifecycle,
  type SyncedWorkspace,
} from '$lib/sync';
import { seededIdentity, seededVaultKey } from './seededIdentity';

/** A simulated device and its open engine. */
export interface TestDevice {
  readonly label: string;
  readonly identity: DeviceIdentity;
  readonly vaultKey: VaultKey;
  db: TrellisDb;
  engine: SyncedWorkspace;
  /** Closes the engine and the database, then opens both from the same storage. */
  restart(): Promise<void>;
  /**
   * A power cut: the engine is abandoned without `close` (its database connection is closed
   * under it, so it can write nothing more) and a new one opens from what was committed.
   */
  crash(): Promise<void>;
  /** Closes the engine and the database for good. */
  dispose(): Promise<void>;
}

/** Shared set-up of the devices of one workspace. */
export interface TestWorkspace {
  workspaceId: WorkspaceId;
  key: WorkspaceKey;
  epoch?: number;
  /** The membership chain's root; without it the workspace predates the chain (`devices` only). */
  chainRoot?: string;
  clock: Clock;
  settings?: Partial<EngineSettings>;
  pageLifecycle?: PageLifecycle;
}

/** The identities of `labels`, e.g. to list every member before any device is created. */
export async function identitiesOf(labels: readonly string[]): Promise<DeviceIdentity[]> {
  return Promise.all(labels.map((label) => seededIdentity(label)));
}

/**
 * A view of `base` that a crash can kill: its pending timers are cancelled and new ones never
 * run, as when the page's process dies.
 */
function killableClock(base: Clock): Clock & { kill(): void } {
  let dead = false;
  const pending = new Set<TimerHandle>();
  return {
    now: () => base.now(),
    setTimeout(callback, ms) {
      if (dead) return { timer: undefined };
      const handle = base.setTimeout(() => {
        pending.delete(handle);
        if (!dead) callback();
      }, ms);
      pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle);
      base.clearTimeout(handle);
    },
    kill() {
      dead = true;
      for (const handle of pending) base.clearTimeout(handle);
      pending.clear();
    },
  };
}

/**
 * Creates a device with the workspace stored (members: `devices`) and opens its engine.
 *
 * @example
 *   const alice = await createTestDevice({ label: 'alice', workspace, devices: [a.deviceId, b.deviceId] });
 */
export async function createTestDevice(input: {
  label: string;
  workspace: TestWorkspace;
  devices: readonly DeviceId[];
}): Promise<TestDevice> {
  const { label, workspace } = input;
  const identity = await seededIdentity(label);
  const vaultKey = await seededVaultKey(label);
  const factory = new IDBFactory();
  const connect = () =>
    openTrellisDb({ name: `trellis-${label}`, indexedDB: factory, IDBKeyRange });
  const db = connect();
  await createWorkspace(db, {
    workspaceId: workspace.workspaceId,
    epoch: workspace.epoch ?? 0,
    key: workspace.key,
    devices: input.devices,
    ...(workspace.chainRoot ? { chainRoot: workspace.chainRoot } : {}),
    vaultKey,
  });
  let clock = killableClock(workspace.clock);
  const open = async (database: TrellisDb) => {
    clock = killableClock(workspace.clock);
    const opened = await openSyncedWorkspace({
      db: database,
      identity,
      vaultKey,
      workspaceId: workspace.workspaceId,
      clock,
      ...(workspace.settings ? { settings: workspace.settings } : {}),
      pageLifecycle: workspace.pageLifecycle ?? { onHidden: () => () => {} },
    });
    if (!opened.ok) throw new Error(`could not open the workspace: ${opened.code}`);
    return opened.workspace;
  };
  const device: TestDevice = {
    label,
    identity,
    vaultKey,
    db,
    engine: await open(db),
    async restart() {
      await device.engine.close();
      device.db.close();
      device.db = connect();
      device.engine = await open(device.db);
    },
    async crash() {
      clock.kill();
      device.db.close();
      device.db = connect();
      device.engine = await open(device.db);
    },
    async dispose() {
      await device.engine.close();
      device.db.close();
    },
  };
  return device;
}
