// A device for the Node benchmarks: its own in-memory IndexedDB (a fresh fake-indexeddb
// factory), an identity, a random vault key, the workspace stored, and the real sync engine
// opened on it. Identities derive from the benchmark's seed when it is given: they decide the
// Yjs client ids, whose encoded length changes the size of every update (see
// seededBenchIdentity.ts). Keys and workspace ids stay random; they never change a size.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
  generateDeviceIdentity,
  generateVaultKey,
  generateWorkspaceId,
  generateWorkspaceKey,
  readyCrypto,
  type DeviceIdentity,
  type VaultKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { createWorkspace, openTrellisDb, type TrellisDb } from '$lib/store';
import {
  openSyncedWorkspace,
  type Clock,
  type EngineSettings,
  type RelayOptions,
  type SyncedWorkspace,
} from '$lib/sync';
import { seededBenchIdentity } from './seededBenchIdentity';

/** A workspace and the identities of its member devices. */
export interface BenchWorkspace {
  workspaceId: WorkspaceId;
  key: WorkspaceKey;
  members: DeviceIdentity[];
}

/** One device with its open engine. */
export interface BenchDevice {
  identity: DeviceIdentity;
  vaultKey: VaultKey;
  db: TrellisDb;
  engine: SyncedWorkspace;
  /** Closes the engine and the database. */
  close(): Promise<void>;
}

/**
 * A fresh workspace with `count` member devices, their identities derived from `seed` (random
 * without one).
 *
 * @example
 *   const workspace = await createBenchWorkspace(2, 3);
 */
export async function createBenchWorkspace(count: number, seed?: number): Promise<BenchWorkspace> {
  await readyCrypto();
  const members = Array.from({ length: count }, (_, member) =>
    seed === undefined
      ? Promise.resolve(generateDeviceIdentity())
      : seededBenchIdentity({ seed, member }),
  );
  return {
    workspaceId: generateWorkspaceId(),
    key: generateWorkspaceKey(),
    members: await Promise.all(members),
  };
}

/**
 * Stores the workspace on a new device (member number `member`) and opens its engine.
 *
 * @example
 *   const writer = await openBenchDevice({ workspace, member: 0, clock, relay: { url } });
 */
export async function openBenchDevice(input: {
  workspace: BenchWorkspace;
  member: number;
  clock: Clock;
  relay?: RelayOptions;
  settings?: Partial<EngineSettings>;
}): Promise<BenchDevice> {
  const { workspace, member, clock } = input;
  const identity = workspace.members[member];
  if (!identity) throw new RangeError(`openBenchDevice: no member ${member}`);
  const vaultKey = generateVaultKey();
  const db = openTrellisDb({ name: `bench-${member}`, indexedDB: new IDBFactory(), IDBKeyRange });
  await createWorkspace(db, {
    workspaceId: workspace.workspaceId,
    epoch: 0,
    key: workspace.key,
    devices: workspace.members.map((each) => each.deviceId),
    vaultKey,
  });
  const opened = await openSyncedWorkspace({
    db,
    identity,
    vaultKey,
    workspaceId: workspace.workspaceId,
    clock,
    ...(input.relay ? { relay: input.relay } : {}),
    ...(input.settings ? { settings: input.settings } : {}),
    // Node has no page to hide; the benchmarks flush through the engine's timers only.
    pageLifecycle: { onHidden: () => () => {} },
  });
  if (!opened.ok) throw new Error(`the bench workspace did not open: ${opened.code}`);
  const engine = opened.workspace;
  return {
    identity,
    vaultKey,
    db,
    engine,
    async close() {
      await engine.close();
      db.close();
    },
  };
}
