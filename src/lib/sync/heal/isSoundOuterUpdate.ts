// One flipped bit can turn a blob's item into a deleted item (content type 3 → 1) whose length is
// read from the blob's length: the doc would then claim hundreds of that client's clocks with no
// content, so every later blob of that client is dropped as an id already held, silently (no
// copy to set aside, no gap to see). An honest Yjs encoder never sends a deleted item or a GC
// struct that its own delete set does not cover, so an update that does is refused whole.
import * as Y from 'yjs';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Whether every deleted item and GC struct of `decoded` lies inside its own delete set.
 *
 * @example
 *   if (!isSoundOuterUpdate(Y.decodeUpdate(update))) return 'garbled';
 */
export function isSoundOuterUpdate(decoded: DecodedUpdate): boolean {
  const { structs, ds } = decoded;
  for (const struct of structs) {
    const empty =
      struct instanceof Y.GC ||
      (struct instanceof Y.Item && struct.content instanceof Y.ContentDeleted);
    if (!empty) continue;
    const { client, clock } = struct.id;
    if (!isCovered(ds.clients.get(client) ?? [], clock, clock + struct.length)) return false;
  }
  return true;
}

/** Whether the ranges cover [from, to) (they may be unsorted and touch). */
function isCovered(ranges: readonly { clock: number; len: number }[], from: number, to: number) {
  let reached = from;
  const sorted = [...ranges].sort((a, b) => a.clock - b.clock);
  for (const range of sorted) {
    if (range.clock > reached) break;
    reached = Math.max(reached, range.clock + range.len);
    if (reached >= to) return true;
  }
  return reached >= to;
}
