// A relay that answers "too many requests" (4429) is asked again later; every other 44xx close
// is final. Against the real server process with a one-connection upgrade budget per address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { deriveRelayToken, deriveRoomId, type WorkspaceKey } from '$lib/crypto';
import { systemClock } from '$lib/sync';
import { connectRelay, type RelayConnection, type RelayState } from '$lib/sync/relay/connectRelay';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { seededWorkspaceKey } from '../support/harness/seededIdentity';

let server: ServerProcess;
let key: WorkspaceKey;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 20_000) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

beforeAll(async () => {
  server = await startServerProcess({
    env: { RATE_UPGRADES_PER_IP: '1', RATE_UPGRADES_BURST: '1' },
  });
  key = await seededWorkspaceKey('rate-limit/0');
});

afterAll(async () => {
  await server.stop();
});

describe('a rate-limited connection', () => {
  it('is refused with 4429, then retried until it syncs', async () => {
    const connections: RelayConnection[] = [];
    const docs: Y.Doc[] = [];
    const histories: RelayState[][] = [];
    const open = () => {
      const outerDoc = new Y.Doc();
      const states: RelayState[] = [];
      docs.push(outerDoc);
      histories.push(states);
      connections.push(
        connectRelay({
          outerDoc,
          roomId: deriveRoomId(key),
          relayToken: deriveRelayToken(key),
          clock: systemClock,
          options: { url: server.url.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket },
          onState: (state) => states.push(state),
        }),
      );
      return states;
    };
    try {
      // Three upgrades at once against a budget of one: some are refused for the rate.
      const all = [open(), open(), open()];
      await until(
        () => all.every((states) => states.at(-1)?.connection === 'synced'),
        'every connection synced after its retries',
      );
      // The relay did refuse some of them for the rate (a 4429 is not reported as final).
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const rejections = metrics
        .split('\n')
        .filter(
          (line) => line.startsWith('trellis_relay_rejections_total') && line.includes('rate'),
        )
        .map((line) => Number(line.split(' ').at(-1)));
      expect(rejections.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
      expect(all.flat().some((state) => state.refused !== null)).toBe(false);
    } finally {
      for (const connection of connections) connection.destroy();
      for (const doc of docs) doc.destroy();
    }
  });
});
