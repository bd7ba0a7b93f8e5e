// What is attached to the current room: the engine's listeners and, if configured, the relay
// connection. An epoch rollover swaps all of it to the new room in one step and tells the
// room's subscribers (a provider, a test relay) which outer doc to follow now.
import type * as Y from 'yjs';
import type { RelayToken, RoomId } from '$lib/crypto';
import { updateWaiting } from '../envelope/publishPending';
import { connectRelay, type RelayConnection, type RelayOptions } from '../relay/connectRelay';
import type { EngineContext, EpochRoom } from './engineContext';
import { watchRoom } from './watchRoom';

/** The current room of an open workspace, for providers and test relays. */
export interface OuterRoom {
  epoch: number;
  roomId: RoomId;
  relayToken: RelayToken;
  /** The outer doc: sealed blobs only. */
  doc: Y.Doc;
}

/** See `createRoomBinding`. */
export interface RoomBinding {
  current(): OuterRoom;
  subscribe(listener: (room: OuterRoom) => void): () => void;
  /** Detaches from the current room, destroys its outer doc and attaches to `room`. */
  replace(room: EpochRoom): void;
  relay(): RelayConnection | undefined;
  /** Detaches for good (the outer doc is left for the caller to destroy). */
  unbind(): void;
}

/**
 * Binds the engine to `ctx.room` now, and to each room `replace` is given later.
 *
 * @example
 *   const binding = createRoomBinding(ctx, options.relay);
 *   binding.subscribe((room) => console.debug('now in', room.roomId));
 */
export function createRoomBinding(ctx: EngineContext, relayOptions?: RelayOptions): RoomBinding {
  const listeners = new Set<(room: OuterRoom) => void>();
  const current = (): OuterRoom => ({
    epoch: ctx.room.epoch,
    roomId: ctx.room.roomId,
    relayToken: ctx.room.relayToken,
    doc: ctx.room.outerDoc,
  });
  let relay: RelayConnection | undefined;
  const bind = (room: EpochRoom) => {
    const unwatch = watchRoom(ctx, room);
    relay = relayOptions
      ? connectRelay({
          outerDoc: room.outerDoc,
          roomId: room.roomId,
          relayToken: room.relayToken,
          clock: ctx.clock,
          options: relayOptions,
          onState: ({ connection, refused }) => {
            if (ctx.room !== room) return;
            const wasSynced = ctx.status.get().connection === 'synced';
            if (connection === 'synced') room.unsent = 0;
            ctx.status.update({
              connection,
              // "Synced at": when it became synced, or the last moment it still was.
              ...(connection === 'synced' || wasSynced ? { syncedAt: ctx.clock.now() } : {}),
              relayError: refused
                ? `The relay refused this workspace (close code ${refused.code}).`
                : null,
            });
            updateWaiting(ctx);
          },
        })
      : undefined;
    const bound = relay;
    return () => {
      unwatch();
      bound?.destroy();
    };
  };
  let unbind = bind(ctx.room);
  return {
    current,
    subscribe(listener) {
      listeners.add(listener);
      listener(current());
      return () => listeners.delete(listener);
    },
    replace(room) {
      unbind();
      ctx.room.outerDoc.destroy();
      ctx.room = room;
      unbind = bind(room);
      for (const listener of [...listeners]) listener(current());
    },
    relay: () => relay,
    unbind: () => unbind(),
  };
}
