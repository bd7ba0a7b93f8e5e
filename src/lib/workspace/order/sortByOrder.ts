import { compareStrings } from '../model/compareStrings';
import { isOrderKey, orderKeyBetween } from './orderKeyBetween';

/** Anything placed in an ordered list. `order` is `undefined` when the stored key is malformed. */
export interface Ordered {
  id: string;
  order: string | undefined;
}

/**
 * Sort by `(order, id)`; items with a malformed key go last, by id. The same on every replica.
 *
 * @example
 *   sortByOrder(topics).map((topic) => topic.id);
 */
export function sortByOrder<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.order !== b.order) {
      if (a.order === undefined) return 1;
      if (b.order === undefined) return -1;
      return compareStrings(a.order, b.order);
    }
    return compareStrings(a.id, b.id);
  });
}

/**
 * The key that puts a new or moved item at `index` of `others` (the sorted list without it).
 * Past the end means last. A neighbour with a malformed key, or two neighbours that tie, fall
 * back to placing it after the last well-formed key, so a bad key from the partner never stops
 * a move.
 *
 * @example
 *   const order = orderKeyAt(sortByOrder(siblings), 0, newTopicId); // first place
 */
export function orderKeyAt(others: readonly Ordered[], index: number, salt: string): string {
  const clamped = Math.max(0, Math.min(index, others.length));
  const before = clamped > 0 ? others[clamped - 1]?.order : undefined;
  const after = others[clamped]?.order;
  const beforeOk = clamped === 0 || isOrderKey(before);
  const afterOk = clamped === others.length || isOrderKey(after);
  if (beforeOk && afterOk && (before === undefined || after === undefined || before < after)) {
    return orderKeyBetween(before, after, salt);
  }
  const last = [...others].reverse().find((item) => isOrderKey(item.order))?.order;
  return orderKeyBetween(last, undefined, salt);
}
