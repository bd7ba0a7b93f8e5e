import { getContext, hasContext, setContext } from 'svelte';
import type { PairSession } from '$lib/state/pairSession.svelte';

/** What the pair layout provides: the open pair, read through a getter (it opens after mount). */
export interface PairContext {
  readonly current: PairSession | undefined;
}

const PAIR_CONTEXT_KEY: unique symbol = Symbol('trellis.pair');

/**
 * Provide the open pair to every section page below the pair layout.
 *
 * @example
 *   let session = $state<PairSession>();
 *   setPairContext({ get current() { return session; } });
 */
export function setPairContext(context: PairContext): void {
  setContext(PAIR_CONTEXT_KEY, context);
}

/**
 * The open pair, for a section page. The layout renders its pages only once the pair is open
 * (and again for another pair), so a page reads it once, while it initialises.
 *
 * @example
 *   const pair = getPair();
 *   const goals = $derived(pair.read(listGoals));
 */
export function getPair(): PairSession {
  const context = hasContext(PAIR_CONTEXT_KEY)
    ? getContext<PairContext>(PAIR_CONTEXT_KEY)
    : undefined;
  const pair = context?.current;
  if (!pair) throw new PairContextMissingError();
  return pair;
}

/** A section page rendered outside the pair layout, or before its pair opened: a bug. */
export class PairContextMissingError extends Error {
  constructor() {
    super('a pair page was rendered without an open pair');
    this.name = 'PairContextMissingError';
  }
}
