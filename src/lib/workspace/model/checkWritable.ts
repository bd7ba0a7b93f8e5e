import type * as Y from 'yjs';
import { isWorkspaceClosed } from '../closure/isWorkspaceClosed';
import { fail, type WorkspaceResult } from '../errors';
import { schemaStanding } from '../schemaVersion';

/**
 * Whether content commands may write to the doc: it holds a workspace, not of the next schema
 * version (a version no release wrote is edited as this one's, see schemaVersion.ts), that is
 * not closed. Membership bookkeeping never asks: no doc field may block a removal. Edits made on
 * another device before it saw the closure still merge: a CRDT cannot refuse them, and losing
 * someone's offline work would be worse.
 *
 * @example
 *   const writable = checkWritable(doc); if (!writable.ok) return writable;
 */
export function checkWritable(doc: Y.Doc): WorkspaceResult {
  const standing = schemaStanding(doc);
  if (standing === 'absent') return fail('NOT_INITIALISED');
  if (standing === 'next') return fail('NEWER_SCHEMA');
  if (isWorkspaceClosed(doc)) return fail('WORKSPACE_CLOSED');
  return { ok: true };
}
