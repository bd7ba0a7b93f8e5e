import { docs, WSSharedDoc } from '@y/websocket-server/utils';
import * as Y from 'yjs';
import type { RelayLimits } from './limits.js';
import { roomTag, type Logger } from './logger.js';
import type { RelayMetrics } from './metrics.js';
import { RelayRoom } from './relayRoom.js';
import type { RoomStore } from './roomStore.js';

export type AcquireResult =
  { ok: true; room: RelayRoom } | { ok: false; code: 'server_full' | 'storage_failed' };

export interface RoomRegistry {
  /** A loaded room with one more reference; loads it from the store first if needed. */
  acquire(roomId: string): Promise<AcquireResult>;
  /** Drops a reference; a room with none left is unloaded after `idleUnloadMs`. */
  release(room: RelayRoom): void;
  /** Resolves once every loaded room is durable. */
  flush(): Promise<void>;
  /** Flushes, compacts and unloads every room. */
  close(): Promise<void>;
}

type Entry =
  | { state: 'loading' | 'unloading'; done: Promise<unknown> }
  | { state: 'ready'; room: RelayRoom; idle?: NodeJS.Timeout };

/**
 * The rooms in memory. A room is loaded — its stored updates read and applied — before any
 * connection is handed to `@y/websocket-server`, and put into its `docs` map ourselves: the
 * stock `getYDoc` would start `bindState` without awaiting it and answer from an empty doc.
 *
 * @example
 * const rooms = createRoomRegistry({ store, limits, metrics, log });
 * const acquired = await rooms.acquire(roomId); … rooms.release(acquired.room);
 */
export function createRoomRegistry(deps: {
  store: RoomStore;
  limits: RelayLimits;
  metrics: RelayMetrics;
  log: Logger;
}): RoomRegistry {
  const { store, limits, metrics, log } = deps;
  const entries = new Map<string, Entry>();

  const load = async (roomId: string): Promise<RelayRoom> => {
    const updates = await store.readUpdates(roomId);
    const doc = new WSSharedDoc(roomId);
    let bytes = 0;
    doc.transact(() => {
      for (const update of updates) {
        bytes += update.byteLength;
        try {
          Y.applyUpdate(doc, update);
        } catch {
          // Every stored update passed the parser; one that still fails is skipped, not fatal.
          log.error({ room: roomTag(roomId) }, 'a stored update could not be applied');
        }
      }
    });
    const room = new RelayRoom(roomId, doc, {
      store,
      compactAfterUpdates: limits.compactAfterUpdates,
      stored: { updates: updates.length, bytes },
      onCompacted: () => metrics.compactions.inc(),
      onStorageError: (failed, error) => {
        metrics.storageErrors.inc();
        log.error({ room: roomTag(roomId), err: describe(error) }, 'write failed: room dropped');
        void unload(failed, false);
      },
    });
    if (updates.length >= limits.compactAfterUpdates) await room.compact();
    docs.set(roomId, doc);
    metrics.roomLoads.inc();
    metrics.roomsLoaded.inc();
    log.debug({ room: roomTag(roomId), updates: updates.length, bytes }, 'room loaded');
    return room;
  };

  const unload = (room: RelayRoom, compact: boolean): Promise<void> => {
    const entry = entries.get(room.roomId);
    if (entry?.state !== 'ready' || entry.room !== room) return Promise.resolve();
    clearTimeout(entry.idle);
    const done = (async () => {
      await room.whenDurable();
      if (compact && !room.failed) await room.compact();
      docs.delete(room.roomId);
      room.doc.destroy();
      store.forgetRoom(room.roomId);
      metrics.roomUnloads.inc();
      metrics.roomsLoaded.dec();
      log.debug({ room: roomTag(room.roomId) }, 'room unloaded');
    })().finally(() => entries.delete(room.roomId));
    entries.set(room.roomId, { state: 'unloading', done });
    return done;
  };

  const acquire = async (roomId: string): Promise<AcquireResult> => {
    for (;;) {
      const entry = entries.get(roomId);
      if (entry?.state === 'ready') {
        if (entry.room.refs >= limits.maxConnectionsPerRoom)
          return { ok: false, code: 'server_full' };
        clearTimeout(entry.idle);
        entry.idle = undefined;
        entry.room.refs += 1;
        return { ok: true, room: entry.room };
      }
      if (entry) {
        await entry.done.catch(() => undefined);
        continue;
      }
      if (entries.size >= limits.maxRooms) return { ok: false, code: 'server_full' };
      const loading = load(roomId);
      entries.set(roomId, { state: 'loading', done: loading });
      try {
        const room = await loading;
        entries.set(roomId, { state: 'ready', room });
      } catch (error) {
        entries.delete(roomId);
        log.error({ room: roomTag(roomId), err: describe(error) }, 'room could not be loaded');
        return { ok: false, code: 'storage_failed' };
      }
    }
  };

  return {
    acquire,
    release(room) {
      room.refs -= 1;
      const entry = entries.get(room.roomId);
      if (room.refs > 0 || entry?.state !== 'ready' || entry.room !== room) return;
      clearTimeout(entry.idle);
      entry.idle = setTimeout(() => void unload(room, true), limits.idleUnloadMs);
      entry.idle.unref();
    },
    async flush() {
      const rooms = [...entries.values()].flatMap((e) => (e.state === 'ready' ? [e.room] : []));
      await Promise.all(rooms.map((room) => room.whenDurable()));
    },
    async close() {
      for (;;) {
        const pending = [...entries.values()];
        if (pending.length === 0) return;
        await Promise.all(
          pending.map((e) => (e.state === 'ready' ? unload(e.room, true) : e.done.catch(() => {}))),
        );
      }
    },
  };
}

/** An error's name and message, never its data: enough to act on, nothing to leak. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}
