// The y-sync way to be sent items again: a sync step 1 whose state vector claims less than this
// device holds. The relay answers with every item past it, so each set-aside copy's client is
// claimed only up to that copy's clock, and `everything` (a gap that the usual sync did not
// close) claims nothing at all. The other way round, answering the relay, such a client is
// claimed in full, so its placeholders are never sent.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { EpochRoom } from '../engine/engineContext';

/**
 * The state vector to ask the relay with, or undefined when there is nothing to ask for.
 *
 * @example
 *   const asking = healingStateVector(room, { everything: false });
 *   if (asking) relay.askFrom(asking);
 */
export function healingStateVector(
  room: EpochRoom,
  options: { everything: boolean },
): Uint8Array | undefined {
  if (options.everything) return encodeStateVector(new Map());
  const wanted = [...room.damaged.values()].filter((copy) => !copy.gaveUp);
  if (wanted.length === 0) return undefined;
  const vector = Y.decodeStateVector(Y.encodeStateVector(room.outerDoc));
  for (const copy of wanted) {
    vector.set(copy.client, Math.min(vector.get(copy.client) ?? 0, copy.clock));
  }
  return encodeStateVector(vector);
}

/**
 * The state vector to answer a relay's sync step 1 against: what it `asked` with, but claiming
 * all this device holds of every client with a set-aside copy, so no placeholder is ever sent
 * (a relay that lost data would otherwise keep it, and drop the author's intact copy as an id it
 * holds). Those clients' items reach the relay from their authors.
 *
 * @example
 *   syncProtocol.writeSyncStep2(encoder, doc, servingStateVector(room, asked));
 */
export function servingStateVector(room: EpochRoom, asked: Uint8Array): Uint8Array {
  if (room.damaged.size === 0) return asked;
  let vector: Map<number, number>;
  try {
    vector = Y.decodeStateVector(asked);
  } catch {
    return asked;
  }
  for (const copy of room.damaged.values()) {
    const held = Y.getState(room.outerDoc.store, copy.client);
    vector.set(copy.client, Math.max(vector.get(copy.client) ?? 0, held));
  }
  return encodeStateVector(vector);
}

function encodeStateVector(vector: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, vector.size);
  for (const [client, clock] of vector) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}
