// Y.Array stores a copy of each Uint8Array pushed into it, so "this device verified this entry"
// is recorded on the stored copies, not on the arrays that were pushed.
import type { EpochRoom } from '../engine/engineContext';

/**
 * Appends `blobs` to the room's log (inside the caller's transaction, if any) and, when
 * `verified`, marks the stored entries as verified by this device.
 *
 * @example
 *   room.outerDoc.transact(() => appendToLog(room, [blob], { verified: true }), LOCAL_ORIGIN);
 */
export function appendToLog(
  room: EpochRoom,
  blobs: readonly Uint8Array[],
  options: { verified: boolean },
): void {
  if (blobs.length === 0) return;
  const start = room.log.length;
  room.log.push([...blobs]);
  if (!options.verified) return;
  for (let index = start; index < start + blobs.length; index += 1) {
    const stored = room.log.get(index);
    if (stored instanceof Uint8Array) room.verified.add(stored);
  }
}
