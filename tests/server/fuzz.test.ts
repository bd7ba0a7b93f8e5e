import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { createFuzzFrames } from './support/fuzzFrames';
import {
  blobSeq,
  connectClient,
  connectRaw,
  credentials,
  expectStillServing,
  fakeBlob,
  readServerMessage,
  roomPath,
  syncMessage,
  waitUntil,
  whenSynced,
  type RawClient,
} from './support/relayTestKit';

const FRAMES = Number(process.env.TRELLIS_FUZZ_FRAMES ?? 10_000);
const SEED = Number(process.env.TRELLIS_FUZZ_SEED ?? 20_240_611);
const WORKERS = 4;
/** Resident memory may grow by this much over the whole run. */
const RSS_GROWTH_BOUND = 96 * 1024 * 1024;

async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kib) * 1024;
}

/** Sends one frame, then a valid sync step 1 as a probe: resolves once either is answered. */
async function sendAndProbe(client: RawClient, frame: Uint8Array): Promise<'kept' | 'closed'> {
  const before = client.received.length;
  client.send(frame);
  client.send(syncMessage.step1());
  let seen = before;
  let answered = false;
  await client.until(() => {
    for (; seen < client.received.length; seen++) {
      const message = client.received[seen];
      if (message && readServerMessage(message).kind === 'sync-step-2') answered = true;
    }
    return answered || client.closeCode() !== undefined;
  }, 'the server answered a fuzz frame');
  return client.closeCode() === undefined ? 'kept' : 'closed';
}

describe(`a seeded fuzz run of ${FRAMES} malformed frames (seed ${SEED})`, () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({
      env: {
        // The parser is under test here, not the rate limits.
        RATE_MESSAGES_PER_SECOND: '1000000',
        RATE_MESSAGES_BURST: '1000000',
        RATE_UPGRADES_PER_IP: '0',
        LOG_LEVEL: 'warn',
      },
    });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it(
    'never crashes, keeps memory bounded, and other rooms keep syncing',
    async () => {
      const pid = server.child.pid ?? 0;
      const rssBefore = await residentBytes(pid);
      let rssPeak = rssBefore;
      const bystanders = credentials('fuzz-bystanders');
      const mentor = connectClient(server, bystanders);
      const mentee = connectClient(server, bystanders);
      await Promise.all([whenSynced(mentor), whenSynced(mentee)]);

      let sent = 0;
      let kept = 0;
      const next = createFuzzFrames(SEED);
      const frames = Array.from({ length: FRAMES }, next);
      const worker = async (w: number) => {
        const room = roomPath(credentials(`fuzz-room-${w}`));
        let client = connectRaw(server, room);
        for (let i = w; i < frames.length; i += WORKERS) {
          if (client.closeCode() !== undefined || (await client.answered()) !== 'admitted') {
            client = connectRaw(server, room);
            expect(await client.answered()).toBe('admitted');
          }
          const frame = frames[i] ?? new Uint8Array();
          if ((await sendAndProbe(client, frame)) === 'kept') kept += 1;
          sent += 1;
          if (sent % 500 === 0) {
            mentor.log.push([fakeBlob(sent)]);
            rssPeak = Math.max(rssPeak, await residentBytes(pid));
          }
        }
        client.ws.close();
      };
      await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

      expect(sent).toBe(FRAMES);
      expect(server.child.exitCode).toBeNull();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // The bystanders' room synced all along.
      const pushed = mentor.log.length;
      await waitUntil(() => mentee.log.length === pushed, 'the bystander room caught up');
      expect(mentee.log.toArray().map(blobSeq)).toEqual(mentor.log.toArray().map(blobSeq));
      mentor.destroy();
      mentee.destroy();
      await expectStillServing(server, 'after fuzzing');
      rssPeak = Math.max(rssPeak, await residentBytes(pid));
      expect(rssPeak - rssBefore).toBeLessThan(RSS_GROWTH_BOUND);
      // Most frames must have been refused; a few survive as well-formed but odd messages.
      expect(kept).toBeLessThan(FRAMES / 2);
      expect(server.output()).not.toMatch(/Error:|at .*\.js:\d+/);
    },
    60_000 + FRAMES * 3,
  );
});
