// Two devices writing with the same Yjs client id and clock would split the replicas for good
// (each keeps its own item under one id). Client ids are therefore derived from the device id
// and an incarnation (`deriveClientId`), and a receiver accepts an update only if every client
// id whose structs it carries is one of the signing device's, for the incarnations the
// (signed, encrypted) payload names. Deletions carry no client id of their own and may name
// anyone's items, which is how deleting a partner's text works.
//
// A snapshot holds everyone's items, so its client ids are checked another way: a client id this
// device has seen a member write with (in that member's own blobs) belongs to that member, and
// another member's snapshot may hold its items only up to the clock the owner was seen to reach
// — unless its manifest says it holds blobs of the owner this device has not confirmed, which is
// how an honest compaction brings a lagging or new device the deleted blobs' content (and those
// blobs, should they come, are then checked by content: see `applyIncoming`). Planting an item
// under another device's id, ahead of what it wrote, would fork the replicas for good.
import * as Y from 'yjs';
import { deriveClientId, type DeviceId } from '$lib/crypto';

/** See `createClientIdOwnership`. */
export interface ClientIdOwnership {
  /**
   * `ok` if every client id in `update` belongs to `deviceId` at one of `incarnations` (and
   * then the clocks it reaches are recorded as written by it); `BAD_UPDATE` if the update
   * cannot be parsed.
   */
  check(input: {
    deviceId: DeviceId;
    incarnations: readonly number[];
    update: Uint8Array;
  }): OwnershipResult;
  /**
   * Records the clocks `deviceId` was seen to write with in `update` (`check` does this itself
   * for an update it passes); with `knownOnly` (its snapshot, which holds everyone's items) only
   * for client ids seen to be its.
   */
  noteWritten(deviceId: DeviceId, update: Uint8Array, options?: { knownOnly?: boolean }): void;
  /**
   * `ok` if the snapshot `state` of `deviceId` holds no item under a client id another member
   * was seen to own beyond the clock that owner was seen to reach, except for owners for whom
   * `mayExtend` says the snapshot claims blobs this device has not confirmed.
   */
  checkSnapshot(input: {
    deviceId: DeviceId;
    state: Uint8Array;
    mayExtend: (owner: DeviceId) => boolean;
    /** The receiving device's own client id and clock: nobody else may write past it. */
    own: { client: number; clock: number };
  }): OwnershipResult;
  /** A new epoch's seeds carry the old epoch's content without claims: start over. */
  forgetWritten(): void;
}

/** What an ownership check found. */
export type OwnershipResult =
  { ok: true } | { ok: false; code: 'FOREIGN_CLIENT_ID' | 'BAD_UPDATE' };

const clocksOf = (update: Uint8Array): Map<number, number> | undefined => {
  try {
    return Y.parseUpdateMeta(update).to;
  } catch {
    return undefined;
  }
};

/**
 * An ownership checker that caches derived client ids (one BLAKE2b per device and incarnation).
 *
 * @example
 *   const ownership = createClientIdOwnership();
 *   const owned = ownership.check({ deviceId, incarnations: [3], update });
 */
export function createClientIdOwnership(): ClientIdOwnership {
  const derived = new Map<string, number>();
  /** Per client id: the member seen writing with it, and the clock it was seen to reach. */
  const written = new Map<number, { owner: DeviceId; clock: number }>();
  const clientIdOf = (deviceId: DeviceId, incarnation: number) => {
    const key = `${deviceId}/${incarnation}`;
    let id = derived.get(key);
    if (id === undefined) {
      id = deriveClientId(deviceId, incarnation);
      derived.set(key, id);
    }
    return id;
  };
  const noteClocks = (deviceId: DeviceId, clocks: Map<number, number>, knownOnly: boolean) => {
    for (const [client, clock] of clocks) {
      const seen = written.get(client);
      if (seen ? seen.owner !== deviceId : knownOnly) continue;
      written.set(client, { owner: deviceId, clock: Math.max(clock, seen?.clock ?? 0) });
    }
  };
  return {
    check({ deviceId, incarnations, update }) {
      let meta: ReturnType<typeof Y.parseUpdateMeta>;
      try {
        meta = Y.parseUpdateMeta(update);
      } catch {
        return { ok: false, code: 'BAD_UPDATE' };
      }
      const owned = new Set(incarnations.map((incarnation) => clientIdOf(deviceId, incarnation)));
      for (const client of meta.from.keys()) {
        if (!owned.has(client)) return { ok: false, code: 'FOREIGN_CLIENT_ID' };
      }
      // Its own update, checked: what it wrote is recorded from the same parse.
      noteClocks(deviceId, meta.to, false);
      return { ok: true };
    },
    noteWritten(deviceId, update, options = {}) {
      noteClocks(deviceId, clocksOf(update) ?? new Map(), options.knownOnly ?? false);
    },
    checkSnapshot({ deviceId, state, mayExtend, own }) {
      const clocks = clocksOf(state);
      if (!clocks) return { ok: false, code: 'BAD_UPDATE' };
      if ((clocks.get(own.client) ?? 0) > own.clock)
        return { ok: false, code: 'FOREIGN_CLIENT_ID' };
      for (const [client, clock] of clocks) {
        const seen = written.get(client);
        if (!seen || seen.owner === deviceId || clock <= seen.clock) continue;
        if (!mayExtend(seen.owner)) return { ok: false, code: 'FOREIGN_CLIENT_ID' };
      }
      return { ok: true };
    },
    forgetWritten: () => written.clear(),
  };
}
