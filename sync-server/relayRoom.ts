import type { WSSharedDoc } from '@y/websocket-server/utils';
import * as Y from 'yjs';
import type { RoomStore } from './roomStore.js';

/** What a room needs from each of its connections. */
export interface RoomMember {
  /** Everything stamped at or below `durableSeq` may now go out. */
  release(durableSeq: number): void;
  /** The room lost a write: close without sending anything more. */
  abort(): void;
}

/**
 * One loaded room: its outer doc (a `WSSharedDoc` that `@y/websocket-server` serves) plus the
 * bookkeeping that makes "answered" mean "durable".
 *
 * Every transaction that changes the doc gets the next sequence number (`nextSeq`, bumped in
 * `afterTransaction`, which Yjs emits before `update`), and its update is queued for the store.
 * Connections stamp every outgoing message with `nextSeq` at the time it is sent and hold it
 * until `durableSeq` reaches the stamp. So no client is told of a state — by a broadcast, a sync
 * step 2 reply or a state vector — before that state is on disk.
 */
export class RelayRoom {
  readonly members = new Set<RoomMember>();
  /** Connections that acquired the room, including those still being set up. */
  refs = 0;
  nextSeq = 0;
  durableSeq = 0;
  /** Bytes stored for the room: an upper bound of its encoded size until `measure()`. */
  storedBytes: number;
  storedUpdates: number;
  failed = false;
  private compacting = false;
  private awaitingUpdate: number | undefined;
  private lastWrite: Promise<void> = Promise.resolve();
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly roomId: string,
    readonly doc: WSSharedDoc,
    private readonly deps: {
      store: RoomStore;
      compactAfterUpdates: number;
      stored: { updates: number; bytes: number };
      onPersisted?: () => void;
      onCompacted?: () => void;
      onStorageError: (room: RelayRoom, error: unknown) => void;
    },
  ) {
    this.storedBytes = deps.stored.bytes;
    this.storedUpdates = deps.stored.updates;
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (!hasChanges(transaction)) return;
      const seq = ++this.nextSeq;
      this.awaitingUpdate = seq;
      // Yjs emits `update` synchronously right after this event. Should it ever not, the
      // number must still become durable, or every message stamped with it would wait forever.
      queueMicrotask(() => {
        if (this.awaitingUpdate !== seq) return;
        this.awaitingUpdate = undefined;
        this.lastWrite = this.lastWrite.then(() => this.markDurable(seq));
      });
    });
    doc.on('update', (update: Uint8Array) => {
      this.awaitingUpdate = undefined;
      this.persist(update);
    });
  }

  /** Whether everything applied to the doc is on disk. */
  isDurable(): boolean {
    return this.durableSeq >= this.nextSeq;
  }

  /** Resolves once everything applied so far is durable (or the room failed). */
  whenDurable(): Promise<void> {
    if (this.isDurable() || this.failed) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Whether the room may take `update` without outgrowing `maxBytes`. The running total only
   * grows (deletions free space only once garbage-collected), and a reconnecting client's sync
   * step 2 repeats much the room already holds, so near the limit both are measured exactly:
   * the part of the update the room lacks, and the room's encoded size.
   */
  hasRoomFor(update: Uint8Array, maxBytes: number): boolean {
    if (this.storedBytes + update.byteLength <= maxBytes) return true;
    const novel = Y.diffUpdate(update, Y.encodeStateVector(this.doc)).byteLength;
    if (this.storedBytes + novel <= maxBytes) return true;
    this.storedBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.storedBytes + novel <= maxBytes;
  }

  /** Merges the room's stored updates into one; resolves when that is durable. */
  async compact(): Promise<void> {
    if (this.compacting || this.failed || this.storedUpdates <= 1) return;
    this.compacting = true;
    const merged = Y.encodeStateAsUpdate(this.doc);
    this.storedUpdates = 1;
    this.storedBytes = merged.byteLength;
    try {
      await this.deps.store.replaceUpdates(this.roomId, merged);
      this.deps.onCompacted?.();
    } catch (error) {
      this.fail(error);
    } finally {
      this.compacting = false;
    }
  }

  private persist(update: Uint8Array): void {
    if (this.failed) return;
    const seq = this.nextSeq;
    this.storedBytes += update.byteLength;
    this.storedUpdates += 1;
    // The store keeps the order of writes, so these resolve in sequence order.
    this.lastWrite = this.deps.store.appendUpdates(this.roomId, [update]).then(
      () => this.markDurable(seq),
      (error: unknown) => this.fail(error),
    );
    if (this.storedUpdates >= this.deps.compactAfterUpdates) void this.compact();
  }

  private markDurable(seq: number): void {
    if (this.failed || seq <= this.durableSeq) return;
    this.durableSeq = seq;
    this.deps.onPersisted?.();
    for (const member of this.members) member.release(seq);
    if (this.isDurable()) for (const resolve of this.waiting.splice(0)) resolve();
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    for (const member of this.members) member.abort();
    for (const resolve of this.waiting.splice(0)) resolve();
    this.deps.onStorageError(this, error);
  }
}

/** The test Yjs itself uses to decide whether a transaction produces an `update` event. */
function hasChanges(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}
