import * as Y from 'yjs';
import { fakeBlob, syncMessage } from './relayTestKit';

/** mulberry32: a small seeded PRNG, so every fuzz run can be replayed from its seed. */
export function createRandom(seed: number): { next(): number; int(max: number): number } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (max) => Math.floor(next() * max) };
}

type Random = ReturnType<typeof createRandom>;

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => random.int(256));
}

/** Valid messages to cut, flip and wrap: real updates, state vectors and awareness. */
function seedMessages(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 12345;
  const log = doc.getArray<Uint8Array>('log');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  log.push([fakeBlob(1)]);
  log.push([fakeBlob(2), fakeBlob(3, 40)]);
  log.delete(0, 1);
  doc.getMap('meta').set('k', 'v');
  return [
    ...updates.flatMap((u) => [syncMessage.update(u), syncMessage.step2(u)]),
    syncMessage.step2(Y.encodeStateAsUpdate(doc)),
    syncMessage.step1(Y.encodeStateVector(doc)),
    syncMessage.awareness(99, 1, { user: 'x' }),
  ];
}

const SEEDS = seedMessages();

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[random.int(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Wraps `payload` in a sync envelope with a correct length, so only the Yjs part is bad. */
function envelope(type: number, payload: Uint8Array): Uint8Array {
  if (type === 1) {
    const message = syncMessage.update(payload);
    message[1] = 1;
    return message;
  }
  return type === 0 ? syncMessage.step1(payload) : syncMessage.update(payload);
}

/** The strategies; each makes one malformed (or at least suspicious) frame. */
const STRATEGIES: ((random: Random) => Uint8Array)[] = [
  (random) => randomBytes(random, random.int(64)),
  (random) => Uint8Array.of(random.int(3), random.int(4), ...randomBytes(random, random.int(40))),
  (random) => {
    const message = pick(random, SEEDS);
    return message.slice(0, random.int(message.length));
  },
  (random) => {
    const message = pick(random, SEEDS).slice();
    for (let flips = 1 + random.int(3); flips > 0; flips--) {
      const at = random.int(message.length);
      message[at] = (message[at] ?? 0) ^ (1 << random.int(8));
    }
    return message;
  },
  (random) => envelope(random.int(3), randomBytes(random, random.int(200))),
  (random) => {
    // A real update with its inner bytes mutated, inside a well-formed envelope.
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    const source = pick(random, SEEDS).slice(3);
    const payload = source.length > 4 ? source : update;
    const mutated = payload.slice();
    for (let flips = 1 + random.int(4); flips > 0; flips--) {
      mutated[random.int(mutated.length)] = random.int(256);
    }
    return envelope(random.int(3), mutated);
  },
  (random) => new Uint8Array(1 + random.int(12)).fill(0xff),
  (random) => Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, ...randomBytes(random, 8)),
  (random) => {
    const message = syncMessage.awareness(random.int(1000), random.int(10), 'x');
    const broken = message.slice();
    broken[broken.length - 1 - random.int(3)] = random.int(256);
    return broken;
  },
  (random) => Uint8Array.of(...pick(random, SEEDS), ...randomBytes(random, 1 + random.int(4))),
  (random) => Uint8Array.of(1, 5, 200, ...randomBytes(random, 4)),
];

/** The `index`-th malformed frame of the run seeded with `seed`. */
export function createFuzzFrames(seed: number): () => Uint8Array {
  const random = createRandom(seed);
  return () => pick(random, STRATEGIES)(random);
}
