import { ClassicLevel } from 'classic-level';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreClosedError, type RoomStore } from './roomStore.js';

/**
 * Key layout (utf8 keys, raw byte values):
 *   `u/<room id>/<seq, 12 hex digits>` → one Yjs update of the room's outer doc
 *   `o/<room id>`                      → SHA-256 of the room owner's token
 * Room ids are base64url, so `/` (0x2F) ends a room id and `0` (0x30) bounds its range.
 */
const updateKey = (roomId: string, seq: number) =>
  `u/${roomId}/${seq.toString(16).padStart(12, '0')}`;
const updateRange = (roomId: string) => ({ gte: `u/${roomId}/`, lt: `u/${roomId}0` });
const ownerKey = (roomId: string) => `o/${roomId}`;

type Operation = { type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string };

interface Pending {
  roomId: string;
  /** Builds the operations when the batch is written, when the room's sequence is known. */
  build: (seqs: RoomSeqs) => Operation[];
  /** False for writes that do not touch the update sequence (the owner), to skip reading it. */
  usesSeqs: boolean;
  done: (error?: unknown) => void;
}

/** The sequence numbers of the updates a room holds: `[first, next)`. */
interface RoomSeqs {
  first: number;
  next: number;
}

export interface LevelRoomStoreOptions {
  /** The folder; created if missing. */
  dir: string;
  /** fsync every batch before it resolves (survives a power cut, not only a process crash). */
  fsync: boolean;
  /** Called after each batch with its duration; for the persistence latency metric. */
  onBatch?: (seconds: number, ok: boolean) => void;
}

/**
 * The relay's store on LevelDB (classic-level). Writes from every room that arrive in the same
 * turn of the event loop go to disk as one atomic batch (group commit), and batches are written
 * one after another, so per-room order is kept and a resolved write is durable.
 *
 * @example
 * const store = await openLevelRoomStore({ dir: './data/rooms', fsync: true });
 * await store.appendUpdates(roomId, [update]);
 */
export async function openLevelRoomStore(options: LevelRoomStoreOptions): Promise<RoomStore> {
  await mkdir(options.dir, { recursive: true });
  const db = new ClassicLevel<string, Uint8Array>(join(options.dir), {
    keyEncoding: 'utf8',
    valueEncoding: 'view',
  });
  await db.open();

  const seqs = new Map<string, RoomSeqs>();
  let queue: Pending[] = [];
  let scheduled = false;
  let writing: Promise<void> | undefined;
  let closed = false;

  const loadSeqs = async (roomId: string): Promise<RoomSeqs> => {
    const known = seqs.get(roomId);
    if (known) return known;
    const range = updateRange(roomId);
    const [firstKey] = await db.keys({ ...range, limit: 1 }).all();
    const [lastKey] = await db.keys({ ...range, limit: 1, reverse: true }).all();
    const found = {
      first: firstKey ? seqOf(firstKey) : 0,
      next: lastKey ? seqOf(lastKey) + 1 : 0,
    };
    seqs.set(roomId, found);
    return found;
  };

  const writeBatch = async (batch: Pending[]): Promise<void> => {
    const started = performance.now();
    const operations: Operation[] = [];
    // Sequence numbers are assigned here, in queue order, so a replacement deletes exactly the
    // updates queued before it.
    try {
      for (const pending of batch) {
        const room = pending.usesSeqs ? await loadSeqs(pending.roomId) : { first: 0, next: 0 };
        operations.push(...pending.build(room));
      }
      await db.batch(operations, { sync: options.fsync });
    } catch (error) {
      // What is cached about these rooms may now be wrong; read it again next time.
      for (const pending of batch) if (pending.usesSeqs) seqs.delete(pending.roomId);
      options.onBatch?.((performance.now() - started) / 1000, false);
      for (const pending of batch) pending.done(error);
      return;
    }
    options.onBatch?.((performance.now() - started) / 1000, true);
    for (const pending of batch) pending.done();
  };

  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      await writeBatch(batch);
    }
  };

  const kick = () => {
    if (scheduled || writing) return;
    scheduled = true;
    // One turn later, so every room's writes from this turn share the batch.
    setImmediate(() => {
      scheduled = false;
      writing = drain().finally(() => {
        writing = undefined;
        if (queue.length > 0) kick();
      });
    });
  };

  const enqueue = (roomId: string, build: Pending['build'], usesSeqs = true): Promise<void> => {
    if (closed) return Promise.reject(new StoreClosedError('the room store is closed'));
    return new Promise((resolve, reject) => {
      queue.push({ roomId, build, usesSeqs, done: (error) => (error ? reject(error) : resolve()) });
      kick();
    });
  };

  return {
    async readUpdates(roomId) {
      if (closed) throw new StoreClosedError('the room store is closed');
      const entries = await db.iterator(updateRange(roomId)).all();
      const [firstKey] = entries[0] ?? [];
      const [lastKey] = entries[entries.length - 1] ?? [];
      seqs.set(roomId, {
        first: firstKey ? seqOf(firstKey) : 0,
        next: lastKey ? seqOf(lastKey) + 1 : 0,
      });
      // Plain Uint8Array views (classic-level hands out Buffers) over the same memory.
      return entries.map(
        ([, value]) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
      );
    },

    appendUpdates(roomId, updates) {
      return enqueue(roomId, (room) =>
        updates.map((value) => ({ type: 'put', key: updateKey(roomId, room.next++), value })),
      );
    },

    replaceUpdates(roomId, merged) {
      return enqueue(roomId, (room) => {
        const operations: Operation[] = [];
        for (let seq = room.first; seq < room.next; seq++) {
          operations.push({ type: 'del', key: updateKey(roomId, seq) });
        }
        operations.push({ type: 'put', key: updateKey(roomId, room.next), value: merged });
        room.first = room.next;
        room.next += 1;
        return operations;
      });
    },

    forgetRoom(roomId) {
      if (!queue.some((pending) => pending.roomId === roomId)) seqs.delete(roomId);
    },

    async readOwner(roomId) {
      if (closed) throw new StoreClosedError('the room store is closed');
      const value = await db.get(ownerKey(roomId));
      return value && new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    },

    writeOwner(roomId, tokenHash) {
      return enqueue(
        roomId,
        () => [{ type: 'put', key: ownerKey(roomId), value: tokenHash }],
        false,
      );
    },

    async close() {
      if (closed) return;
      // Let every queued write finish first: each was promised to someone.
      while (scheduled || writing || queue.length > 0) {
        await (writing ?? new Promise((resolve) => setImmediate(resolve)));
      }
      closed = true;
      await db.close();
    },
  };
}

function seqOf(key: string): number {
  return Number.parseInt(key.slice(key.lastIndexOf('/') + 1), 16);
}
