// Devices of one pair on the real relay process, for the identity flows: each is a test device
// (its own fake IndexedDB, seeded identity) whose engine is reopened against the server, as the
// app opens a pair, with the pair's people seated as the app seats them. `until` polls a condition with a generous deadline and asserts nothing on
// time: a slow machine makes the test slower, never red.
import WebSocket from 'ws';
import { systemClock, openSyncedWorkspace, type SyncedWorkspace } from '$lib/sync';
import type { RelayOptions } from '$lib/sync/relay/connectRelay';
import type { PersonIdentity } from '$lib/crypto';
import { listPeople } from '$lib/workspace';
import type { ServerProcess } from '../support/serverProcess';
import { seededWorkspaceId, seededWorkspaceKey } from '../support/harness/seededIdentity';
import { createTestDevice, identitiesOf, type TestDevice } from '../support/harness/testDevice';
import { createPairAs, joinPairAs } from '../unit/state/identity/identityFixture';

/** A device of the pair with its engine connected to the relay. */
export interface RelayDevice {
  device: TestDevice;
  engine: SyncedWorkspace;
}

/** How the tests reach the relay from Node. */
export function relayOptionsOf(server: ServerProcess): RelayOptions {
  return { url: server.url.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket };
}

/** Polls `check` every 20 ms; throws (naming `what`) after 20 s. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 20_000) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/**
 * Opens `labels` as devices of the workspace `name` (all members of epoch 0), each connected to
 * the relay. Quick batching so edits leave within a tick.
 *
 * @example
 *   const [a, b] = await openPairOnRelay({ server, name: 'rotation', labels: ['a', 'b'] });
 */
export async function openPairOnRelay(input: {
  server: ServerProcess;
  name: string;
  labels: readonly string[];
}): Promise<RelayDevice[]> {
  const { server, name, labels } = input;
  const workspaceId = await seededWorkspaceId(name);
  const workspace = { workspaceId, key: await seededWorkspaceKey(`${name}/0`), clock: systemClock };
  const members = (await identitiesOf(labels)).map((identity) => identity.deviceId);
  const opened: RelayDevice[] = [];
  for (const label of labels) {
    const device = await createTestDevice({ label, workspace, devices: members });
    // The test device opened an engine without a relay; this one connects to the server.
    await device.engine.close();
    const result = await openSyncedWorkspace({
      db: device.db,
      identity: device.identity,
      vaultKey: device.vaultKey,
      workspaceId,
      clock: systemClock,
      settings: { idleMs: 20, maxDelayMs: 100 },
      relay: relayOptionsOf(server),
      pageLifecycle: { onHidden: () => () => {} },
    });
    if (!result.ok) throw new Error(`could not open ${label}: ${result.code}`);
    opened.push({ device, engine: result.workspace });
  }
  return opened;
}

/** Closes every engine and database. */
export async function closeAll(devices: readonly RelayDevice[]): Promise<void> {
  await Promise.all(devices.map(({ engine }) => engine.close()));
  for (const { device } of devices) device.db.close();
}

/** Whether `engine` is synced with the relay and has nothing waiting to be sent. */
export function isQuietOnRelay(engine: SyncedWorkspace): boolean {
  const status = engine.status.get();
  return status.connection === 'synced' && status.waiting === 0;
}

/** A device of the pair and the person it belongs to. */
export interface SeatedDevice {
  at: RelayDevice;
  person: PersonIdentity;
}

/**
 * Writes the pair's two people as the app does: `creator` creates the pair on its device, then
 * `joiner` adds itself on its own once the pair has reached it; waits until both devices list
 * both. A rotation record counts only by a device of one of the pair's people.
 *
 * @example
 *   await seatPeople({ creator: { at: laptop, person: p }, joiner: { at: partner, person: q } });
 */
export async function seatPeople(input: {
  creator: SeatedDevice;
  joiner: SeatedDevice;
}): Promise<void> {
  const { creator, joiner } = input;
  createPairAs(creator.at.engine.innerDoc, creator.person);
  await until(
    () => listPeople(joiner.at.engine.innerDoc).length === 1,
    'the pair reaches the joiner',
  );
  joinPairAs(joiner.at.engine.innerDoc, joiner.person);
  await until(
    () => listPeople(creator.at.engine.innerDoc).length === 2,
    'the creator sees both people',
  );
}
