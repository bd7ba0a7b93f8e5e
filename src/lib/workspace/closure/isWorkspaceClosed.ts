import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { readString } from '../model/readFields';

/**
 * Whether either person has closed the workspace. Closing is one-way: no command clears it.
 *
 * @example
 *   if (isWorkspaceClosed(doc)) showReadOnlyBanner();
 */
export function isWorkspaceClosed(doc: Y.Doc): boolean {
  return readString(rootMap(doc, 'closure'), 'closedAt') !== undefined;
}
