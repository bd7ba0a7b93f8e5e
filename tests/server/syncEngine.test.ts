// Two sync engines through the real server process: the stock y-websocket client on the outer
// doc, the relay token in the URL, and nothing but ciphertext on the server's disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { deriveRelayToken, deriveRoomId, type RelayToken, type WorkspaceKey } from '$lib/crypto';
import { systemClock, type SyncedWorkspace } from '$lib/sync';
import { connectRelay, type RelayState } from '$lib/sync/relay/connectRelay';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { seededWorkspaceId, seededWorkspaceKey } from '../support/harness/seededIdentity';
import { createTestDevice, identitiesOf, type TestDevice } from '../support/harness/testDevice';
import { openSyncedWorkspace } from '$lib/sync';

const SECRET = 'the-mentee-is-interviewing-elsewhere';

let server: ServerProcess;
const devices: TestDevice[] = [];
const engines: SyncedWorkspace[] = [];
let key: WorkspaceKey;

/** Waits (polling) until `check` holds; fails after a generous deadline, asserting nothing on time. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 20_000) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

async function openOnServer(device: TestDevice): Promise<SyncedWorkspace> {
  // The test device opened an engine without a relay; this one connects to the server.
  await device.engine.close();
  const opened = await openSyncedWorkspace({
    db: device.db,
    identity: device.identity,
    vaultKey: device.vaultKey,
    workspaceId: await seededWorkspaceId('server'),
    clock: systemClock,
    settings: { idleMs: 20, maxDelayMs: 100 },
    relay: { url: server.url.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket },
    pageLifecycle: { onHidden: () => () => {} },
  });
  if (!opened.ok) throw new Error(opened.code);
  engines.push(opened.workspace);
  return opened.workspace;
}

beforeAll(async () => {
  server = await startServerProcess();
  key = await seededWorkspaceKey('server/0');
  const workspace = { workspaceId: await seededWorkspaceId('server'), key, clock: systemClock };
  const members = (await identitiesOf(['alice', 'bob'])).map((identity) => identity.deviceId);
  for (const label of ['alice', 'bob']) {
    devices.push(await createTestDevice({ label, workspace, devices: members }));
  }
});

afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
  for (const device of devices) device.db.close();
  await server?.dispose();
});

describe('the sync engine against the real server', () => {
  it('syncs two devices through /sync/<room id> and stores only ciphertext', async () => {
    const alice = await openOnServer(devices[0]!);
    const bob = await openOnServer(devices[1]!);
    await until(() => alice.status.get().connection === 'synced', 'alice synced');
    await until(() => bob.status.get().connection === 'synced', 'bob synced');
    expect(alice.status.get().syncedAt).not.toBeNull();

    alice.innerDoc.getMap('goals').set('g1', SECRET);
    await until(() => bob.innerDoc.getMap('goals').get('g1') === SECRET, 'the edit reaches bob');
    expect(bob.status.get()).toMatchObject({ quarantined: 0, gaps: [] });
    await until(() => alice.status.get().waiting === 0, 'nothing waiting at alice');

    bob.disconnect();
    await until(() => bob.status.get().connection === 'offline', 'bob offline');
    alice.innerDoc.getMap('goals').set('g2', 'while bob was away');
    await alice.flush();
    bob.connect();
    await until(() => bob.innerDoc.getMap('goals').get('g2') === 'while bob was away', 'catch-up');

    await until(() => alice.status.get().waiting === 0, 'alice sent everything');
    const files = await readdir(server.dataDir, { recursive: true });
    let scanned = 0;
    for (const file of files) {
      const path = join(server.dataDir, file);
      const bytes = await readFile(path).catch(() => undefined);
      if (!bytes) continue;
      scanned += bytes.length;
      expect(bytes.includes(SECRET), path).toBe(false);
    }
    expect(scanned).toBeGreaterThan(0);
  });

  it('reports a relay that refuses the room for a wrong token', async () => {
    // The room is claimed by the first token it sees: the right one, here.
    const claimDoc = new Y.Doc();
    const claimStates: RelayState[] = [];
    const claim = connectRelay({
      outerDoc: claimDoc,
      roomId: deriveRoomId(key),
      relayToken: deriveRelayToken(key),
      clock: systemClock,
      options: { url: server.url.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket },
      onState: (state) => claimStates.push(state),
    });
    await until(() => claimStates.at(-1)?.connection === 'synced', 'the room is claimed');
    const outerDoc = new Y.Doc();
    const states: RelayState[] = [];
    const relay = connectRelay({
      outerDoc,
      roomId: deriveRoomId(key),
      relayToken: deriveRelayToken(await seededWorkspaceKey('not-the-key')) as RelayToken,
      clock: systemClock,
      options: { url: server.url.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket },
      onState: (state) => states.push(state),
    });
    try {
      await until(() => states.some((state) => state.refused !== null), 'refusal');
      expect(states.at(-1)).toMatchObject({ connection: 'offline', refused: { code: 4401 } });
    } finally {
      relay.destroy();
      claim.destroy();
      outerDoc.destroy();
      claimDoc.destroy();
    }
  });
});
