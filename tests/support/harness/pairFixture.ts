// A small fixed set-up for scenario tests: named devices sharing one workspace through an
// in-memory relay that delivers at once, and a virtual clock.
import { createManualClock, type EngineSettings, type ManualClock } from '$lib/sync';
import { InMemoryRelay } from './inMemoryRelay';
import { seededWorkspaceId, seededWorkspaceKey } from './seededIdentity';
import { createTestDevice, identitiesOf, type TestDevice } from './testDevice';

/** Devices, relay and clock of one scenario. */
export interface PairFixture {
  devices: TestDevice[];
  relay: InMemoryRelay;
  clock: ManualClock;
  /** Advances the clock past every batching window and waits for all engine work, 3 times. */
  settle(): Promise<void>;
  /** Restarts (or crashes) a device and reconnects it to the relay as it was. */
  restart(device: TestDevice, how?: 'close' | 'crash'): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Opens `labels` as devices of one workspace, all members of it.
 *
 * @example
 *   const { devices: [alice, bob], settle } = await createPairFixture(['alice', 'bob']);
 */
export async function createPairFixture(
  labels: readonly string[],
  options: {
    settings?: Partial<EngineSettings>;
    name?: string;
    members?: readonly string[];
    /** Anchors every device at this membership chain root (the chain then names the members). */
    chainRoot?: string;
  } = {},
): Promise<PairFixture> {
  const clock = createManualClock(1_700_000_000_000);
  const name = options.name ?? 'fixture';
  const workspace = {
    workspaceId: await seededWorkspaceId(name),
    key: await seededWorkspaceKey(`${name}/0`),
    clock,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.chainRoot ? { chainRoot: options.chainRoot } : {}),
  };
  const members = (await identitiesOf(options.members ?? labels)).map(
    (identity) => identity.deviceId,
  );
  const devices: TestDevice[] = [];
  for (const label of labels)
    devices.push(await createTestDevice({ label, workspace, devices: members }));
  const relay = new InMemoryRelay({ autoDeliver: true });
  for (const device of devices) relay.attach(device.label, device.engine);
  const settle = async () => {
    for (let round = 0; round < 3; round += 1) {
      clock.advance(10_000);
      await Promise.all(devices.map((device) => device.engine.whenSettled()));
    }
  };
  return {
    devices,
    relay,
    clock,
    settle,
    async restart(device, how = 'close') {
      const online = relay.isOnline(device.label);
      if (how === 'close') await device.restart();
      else await device.crash();
      relay.attach(device.label, device.engine, online);
    },
    async dispose() {
      relay.detachAll();
      await Promise.all(devices.map((device) => device.dispose()));
    },
  };
}
