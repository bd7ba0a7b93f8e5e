// The chain as a graph: which records are placed (reachable from the root with every parent
// present and placed) and the one order every device walks them in.
import type { ChainRecord } from './chainTypes';
import { compareChainHashes } from './compareChainHashes';

/** The placed part of a chain. */
export interface PlacedChain {
  /** Placed hashes in walk order: parents first, ties by hash ascending (Kahn's algorithm). */
  order: string[];
  /** Each placed record's placed children. */
  children: Map<string, string[]>;
}

function insertSorted(queue: string[], hash: string): void {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareChainHashes(queue[middle]!, hash) < 0) low = middle + 1;
    else high = middle;
  }
  queue.splice(low, 0, hash);
}

/**
 * Places the records reachable from `root`; anything else (a missing parent, a descendant of
 * one, a cycle, another genesis) stays out of `order`.
 *
 * @example
 *   const { order } = placeChainRecords(byHash, root);
 */
export function placeChainRecords(
  byHash: ReadonlyMap<string, ChainRecord>,
  root: string,
): PlacedChain {
  const waiting = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const [hash, record] of byHash) {
    const parents = new Set(record.parents);
    waiting.set(hash, parents.size);
    for (const parent of parents) {
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent)!.push(hash);
    }
  }
  const order: string[] = [];
  const ready = byHash.has(root) ? [root] : [];
  while (ready.length > 0) {
    const hash = ready.shift()!;
    order.push(hash);
    for (const child of children.get(hash) ?? []) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) insertSorted(ready, child);
    }
  }
  const placed = new Set(order);
  const placedChildren = new Map<string, string[]>();
  for (const hash of order) {
    placedChildren.set(
      hash,
      (children.get(hash) ?? []).filter((child) => placed.has(child)),
    );
  }
  return { order, children: placedChildren };
}

/**
 * Every hash reachable from `start` by `next` (not `start` itself).
 *
 * @example
 *   const descendants = reachableFrom(removal, (hash) => placed.children.get(hash) ?? []);
 */
export function reachableFrom(
  start: string,
  next: (hash: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>();
  const stack = [...next(start)];
  while (stack.length > 0) {
    const hash = stack.pop()!;
    if (seen.has(hash)) continue;
    seen.add(hash);
    stack.push(...next(hash));
  }
  return seen;
}
