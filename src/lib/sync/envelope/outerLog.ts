// The outer doc has one shared type: `log`, a Y.Array of sealed blobs. It is all the relay sees.
import * as Y from 'yjs';

/** The name of the blob array in every outer doc. */
export const OUTER_LOG_NAME = 'log';

/**
 * The blob log of an outer doc. Entries are untrusted: anyone with the relay token can write.
 *
 * @example
 *   getOuterLog(outer).push([blob]);
 */
export function getOuterLog(outerDoc: Y.Doc): Y.Array<unknown> {
  return outerDoc.getArray<unknown>(OUTER_LOG_NAME);
}
