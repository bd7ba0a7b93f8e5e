// What is attached to the current room: the engine's listeners and, if configured, the relay
// connection. Nothing is attached until the room's stored log is loaded (an open reports the
// workspace ready before that): blobs from the relay or a test relay would otherwise arrive
// before the stored copies they duplicate. An epoch rollover swaps all of it to the new room in
// one step and tells the room's subscribers (a provider, a test relay) which outer doc to follow.
import type * as Y from 'yjs';
import type { RelayToken, RoomId } from '$lib/crypto';
import { updateWaiting } from '../envelope/publishPending';
import { createHealer, type Healer } from '../heal/createHealer';
import { healingStateVector, servingStateVector } from '../heal/healingStateVector';
import { takeIntactCopies } from '../heal/takeIntactCopies';
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
  /**
   * A transport other than the engine's relay connection (a test relay) calls this with every
   * update for `doc` just before applying it, so intact copies of set-aside items are taken;
   * false: the update is unsound and must not be applied.
   */
  takeCopies(update: Uint8Array): boolean;
  /**
   * The state vector to send instead of the doc's own so the transport sends set-aside items
   * (or, with `everything`, the whole room) again; undefined when nothing needs asking.
   */
  healingStateVector(options: { everything: boolean }): Uint8Array | undefined;
  /** What to answer a transport's state vector against (set-aside items are never sent). */
  servingStateVector(asked: Uint8Array): Uint8Array;
}

/** See `createRoomBinding`. */
export interface RoomBinding {
  current(): OuterRoom;
  /** Calls `listener` once the room is attached (at once if it is) and on every change. */
  subscribe(listener: (room: OuterRoom) => void): () => void;
  /**
   * Attaches to `ctx.room`: starts the engine's listeners, runs `prepare` (which may write the
   * outer doc and is then stored like any change), then connects the relay and tells
   * subscribers. Once only.
   */
  attach(prepare: () => void): void;
  /** Detaches from the current room, destroys its outer doc and attaches to `room`. */
  replace(room: EpochRoom): void;
  /** Connects to / disconnects from the relay, now or once attached (no-op without a relay). */
  connect(): void;
  disconnect(): void;
  /** Detaches for good (the outer doc is left for the caller to destroy). */
  unbind(): void;
  /** See `RelayConnection.confirm`; false without a relay. */
  confirm(): Promise<boolean>;
}

/**
 * Binds the engine to `ctx.room` once `attach` is called, and to each room `replace` is given.
 *
 * @example
 *   const binding = createRoomBinding(ctx, options.relay);
 *   binding.attach(() => scanStoredLog(ctx));
 */
export function createRoomBinding(ctx: EngineContext, relayOptions?: RelayOptions): RoomBinding {
  const listeners = new Set<(room: OuterRoom) => void>();
  const current = (): OuterRoom => {
    const room = ctx.room;
    return {
      epoch: room.epoch,
      roomId: room.roomId,
      relayToken: room.relayToken,
      doc: room.outerDoc,
      takeCopies: (update) => ctx.room !== room || takeIntactCopies(ctx, update),
      healingStateVector: (options) => healingStateVector(room, options),
      servingStateVector: (asked) => servingStateVector(room, asked),
    };
  };
  // Remembered, so a disconnect before the attach (or before a rollover) still holds after it.
  let wantConnected = relayOptions?.connect ?? true;
  let relay: RelayConnection | undefined;
  let unbind: (() => void) | undefined;
  // The relay is reached once the stored log is in (a few milliseconds): say so meanwhile,
  // rather than "offline".
  const showIntent = () => {
    if (!relayOptions || relay) return;
    ctx.status.update({ connection: wantConnected ? 'connecting' : 'offline' });
  };
  showIntent();
  const tell = () => {
    for (const listener of [...listeners]) listener(current());
  };
  const connectTo = (room: EpochRoom, healer: Healer): RelayConnection | undefined =>
    relayOptions
      ? connectRelay({
          outerDoc: room.outerDoc,
          roomId: room.roomId,
          relayToken: room.relayToken,
          clock: ctx.clock,
          options: { ...relayOptions, connect: wantConnected },
          onState: ({ connection, refused }) => {
            if (ctx.room !== room) return;
            const wasSynced = ctx.status.get().connection === 'synced';
            if (connection === 'synced') room.unsent = 0;
            healer.connection(connection === 'synced');
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
          hooks: {
            onIncomingUpdate: (update) => ctx.room !== room || takeIntactCopies(ctx, update),
            onGarbledFrame: () => {
              ctx.counters.garbledFrames += 1;
            },
            answerVector: (asked) => servingStateVector(room, asked),
          },
        })
      : undefined;
  const bind = (room: EpochRoom, prepare: () => void) => {
    const unwatch = watchRoom(ctx, room);
    const healer = createHealer({ ctx, room, ask: (vector) => bound?.askFrom(vector) ?? false });
    room.wake = healer.wake;
    prepare();
    relay = connectTo(room, healer);
    const bound = relay;
    unbind = () => {
      unwatch();
      healer.dispose();
      room.wake = () => {};
      bound?.destroy();
    };
    tell();
  };
  return {
    current,
    subscribe(listener) {
      listeners.add(listener);
      if (unbind) listener(current());
      return () => listeners.delete(listener);
    },
    attach(prepare) {
      if (!unbind) bind(ctx.room, prepare);
    },
    replace(room) {
      unbind?.();
      ctx.room.outerDoc.destroy();
      ctx.room = room;
      bind(room, () => {});
    },
    connect() {
      wantConnected = true;
      relay?.connect();
      showIntent();
    },
    disconnect() {
      wantConnected = false;
      relay?.disconnect();
      showIntent();
    },
    unbind: () => unbind?.(),
    confirm: () => relay?.confirm() ?? Promise.resolve(false),
  };
}
