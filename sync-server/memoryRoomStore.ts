import { StoreClosedError, type RoomStore } from './roomStore.js';

/**
 * A `RoomStore` in memory: for tests, and the smallest example of the contract another backend
 * (shared storage for several relay nodes, see docs/SCALING.md) has to meet. Nothing survives
 * the process, so it must never back a real deployment.
 *
 * @example const relay = createRelay({ store: createMemoryRoomStore(), … });
 */
export function createMemoryRoomStore(): RoomStore & { snapshot(): Map<string, Uint8Array[]> } {
  const updates = new Map<string, Uint8Array[]>();
  const owners = new Map<string, Uint8Array>();
  let closed = false;
  const open = () => {
    if (closed) throw new StoreClosedError('the room store is closed');
  };
  return {
    async readUpdates(roomId) {
      open();
      return [...(updates.get(roomId) ?? [])];
    },
    async appendUpdates(roomId, added) {
      open();
      updates.set(roomId, [...(updates.get(roomId) ?? []), ...added.map((u) => u.slice())]);
    },
    async replaceUpdates(roomId, merged) {
      open();
      updates.set(roomId, [merged.slice()]);
    },
    forgetRoom() {},
    async readOwner(roomId) {
      open();
      return owners.get(roomId);
    },
    async writeOwner(roomId, tokenHash) {
      open();
      owners.set(roomId, tokenHash.slice());
    },
    async close() {
      closed = true;
    },
    snapshot: () => new Map([...updates].map(([room, list]) => [room, [...list]])),
  };
}
