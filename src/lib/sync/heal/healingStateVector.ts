// The y-sync way to be sent items again: a sync step 1 whose state vector claims less than this
// device holds. The relay answers with every item past it, so each set-aside copy's client is
// claimed only up to that copy's clock, and `everything` (a gap that the usual sync did not
// close) claims nothing at all.
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
  if (room.damaged.size === 0) return undefined;
  const vector = Y.decodeStateVector(Y.encodeStateVector(room.outerDoc));
  for (const copy of room.damaged.values()) {
    vector.set(copy.client, Math.min(vector.get(copy.client) ?? 0, copy.clock));
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
