/**
 * Where the relay keeps each room's outer doc (as a list of Yjs updates of sealed blobs) and the
 * hash of the token that owns the room. The relay is handed one of these, so a test or another
 * deployment can swap LevelDB for something else (see docs/SCALING.md).
 *
 * Invariant every implementation keeps: once a returned promise resolves, what it wrote survives
 * a crash of the process, and writes to one room become durable in the order they were made.
 */
export interface RoomStore {
  /** Every stored update of the room, oldest first; empty for a room never written. */
  readUpdates(roomId: string): Promise<Uint8Array[]>;
  /** Appends updates to the room; resolves once they are durable. */
  appendUpdates(roomId: string, updates: readonly Uint8Array[]): Promise<void>;
  /**
   * Replaces every update appended before this call by `merged`, atomically. The caller
   * guarantees that `merged` contains all of them (e.g. `Y.encodeStateAsUpdate` of the doc).
   */
  replaceUpdates(roomId: string, merged: Uint8Array): Promise<void>;
  /** Drops anything cached about a room that is no longer in memory. */
  forgetRoom(roomId: string): void;
  /** The stored hash of the room owner's token, if the room is claimed. */
  readOwner(roomId: string): Promise<Uint8Array | undefined>;
  /** Claims the room for a token hash; resolves once durable. */
  writeOwner(roomId: string, tokenHash: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Thrown when a store is used after `close()`: a broken invariant of the caller. */
export class StoreClosedError extends Error {
  override name = 'StoreClosedError';
}
