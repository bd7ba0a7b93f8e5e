// One flipped bit can turn a blob's item into a deleted item (content type 3 → 1) whose length is
// read from the blob's length: the doc would then claim hundreds of that client's clocks with no
// content, so every later blob of that client is dropped as an id already held, silently (no
// copy to set aside, no gap to see). An honest Yjs encoder never sends a deleted item or a GC
// struct that its own delete set does not cover, so an update that does is refused whole.
// A flipped bit can as well move an item out of the log: its parent's name read as another root
// type's ("log" → "lo"), or as a map key, or as a nested type's id. Yjs integrates it there (or
// as a GC struct), the item id is held for good, and every item placed after it follows it, so
// the log observer never sees those blobs: a device can end with an empty log and nothing to
// set aside or ask for. The outer doc has the log alone, so such an update is refused whole too.
import * as Y from 'yjs';
import { OUTER_LOG_NAME } from '../envelope/outerLog';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Whether every item of `decoded` belongs in the outer log, and every deleted item and GC
 * struct lies inside its own delete set.
 *
 * @example
 *   if (!isSoundOuterUpdate(Y.decodeUpdate(update))) return 'garbled';
 */
export function isSoundOuterUpdate(decoded: DecodedUpdate): boolean {
  const { structs, ds } = decoded;
  for (const struct of structs) {
    if (struct instanceof Y.Item && !isPlacedInLog(struct)) return false;
    const empty =
      struct instanceof Y.GC ||
      (struct instanceof Y.Item && struct.content instanceof Y.ContentDeleted);
    if (!empty) continue;
    const { client, clock } = struct.id;
    if (!isCovered(ds.clients.get(client) ?? [], clock, clock + struct.length)) return false;
  }
  return true;
}

/**
 * Whether a decoded item goes into the log's array. Decoded, its parent is null when an origin
 * gives it (then it follows that item: the log, since nothing else is ever let in), the name
 * of a root type, or the id of a nested type's item; a `parentSub` makes it a map entry.
 */
function isPlacedInLog(item: Y.Item): boolean {
  const parent: unknown = item.parent;
  return (parent === null || parent === OUTER_LOG_NAME) && item.parentSub === null;
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
