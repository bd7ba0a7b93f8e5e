// The editing traces used by the benchmarks (josephg/editing-traces: editing traces by Joseph
// Gentle and contributors, CC BY 4.0) are lists of transactions, each a list of patches
// `[position, deletedCount, insertedText]` applied in order. This module only applies them, so
// it runs in Node and in the browser bundle of the cold-open benchmark alike.
import type * as Y from 'yjs';

/** The name of the Y.Text every benchmark replays a trace into. */
export const TRACE_TEXT = 'trace';

/** One patch: at `position`, delete `deleted` characters, then insert `inserted`. */
export type TracePatch = readonly [position: number, deleted: number, inserted: string];

/** One transaction of a trace: what one keystroke (or paste) did. */
export interface TraceTxn {
  readonly patches: readonly TracePatch[];
}

/** A parsed editing trace. */
export interface EditingTrace {
  readonly startContent: string;
  readonly endContent: string;
  readonly txns: readonly TraceTxn[];
}

/**
 * Applies one trace transaction's patches to `text`, in order (inside the caller's Yjs
 * transaction, if any).
 *
 * @example
 *   doc.transact(() => applyTraceTxn(doc.getText('trace'), trace.txns[0].patches));
 */
export function applyTraceTxn(text: Y.Text, patches: readonly TracePatch[]): void {
  for (const [position, deleted, inserted] of patches) {
    if (deleted > 0) text.delete(position, deleted);
    if (inserted.length > 0) text.insert(position, inserted);
  }
}

/**
 * The first `count` transactions of `trace`, with the end content they reach (computed on a
 * plain string, independently of Yjs), for a quick partial run.
 *
 * @example
 *   const quick = sliceTrace(trace, 2_000);
 */
export function sliceTrace(trace: EditingTrace, count: number): EditingTrace {
  if (count >= trace.txns.length) return trace;
  const txns = trace.txns.slice(0, count);
  let content = trace.startContent;
  for (const { patches } of txns) {
    for (const [position, deleted, inserted] of patches) {
      content = content.slice(0, position) + inserted + content.slice(position + deleted);
    }
  }
  return { startContent: trace.startContent, endContent: content, txns };
}
