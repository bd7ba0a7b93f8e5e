// Two devices writing with the same Yjs client id and clock would split the replicas for good
// (each keeps its own item under one id). Client ids are therefore derived from the device id
// and an incarnation (`deriveClientId`), and a receiver accepts an update only if every client
// id whose structs it carries is one of the signing device's, for the incarnations the
// (signed, encrypted) payload names. Deletions carry no client id of their own and may name
// anyone's items, which is how deleting a partner's text works.
import * as Y from 'yjs';
import { deriveClientId, type DeviceId } from '$lib/crypto';

/** See `createClientIdOwnership`. */
export interface ClientIdOwnership {
  /**
   * `ok` if every client id in `update` belongs to `deviceId` at one of `incarnations`;
   * `BAD_UPDATE` if the update cannot be parsed.
   */
  check(input: {
    deviceId: DeviceId;
    incarnations: readonly number[];
    update: Uint8Array;
  }): { ok: true } | { ok: false; code: 'FOREIGN_CLIENT_ID' | 'BAD_UPDATE' };
}

/**
 * An ownership checker that caches derived client ids (one BLAKE2b per device and incarnation).
 *
 * @example
 *   const ownership = createClientIdOwnership();
 *   const owned = ownership.check({ deviceId, incarnations: [3], update });
 */
export function createClientIdOwnership(): ClientIdOwnership {
  const derived = new Map<string, number>();
  const clientIdOf = (deviceId: DeviceId, incarnation: number) => {
    const key = `${deviceId}/${incarnation}`;
    let id = derived.get(key);
    if (id === undefined) {
      id = deriveClientId(deviceId, incarnation);
      derived.set(key, id);
    }
    return id;
  };
  return {
    check({ deviceId, incarnations, update }) {
      let clients: Iterable<number>;
      try {
        clients = Y.parseUpdateMeta(update).from.keys();
      } catch {
        return { ok: false, code: 'BAD_UPDATE' };
      }
      const owned = new Set(incarnations.map((incarnation) => clientIdOf(deviceId, incarnation)));
      for (const client of clients) {
        if (!owned.has(client)) return { ok: false, code: 'FOREIGN_CLIENT_ID' };
      }
      return { ok: true };
    },
  };
}
