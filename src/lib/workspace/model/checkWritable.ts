import type * as Y from 'yjs';
import { isWorkspaceClosed } from '../closure/isWorkspaceClosed';
import { CURRENT_SCHEMA_VERSION } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import { readSchemaVersion } from '../schemaVersion';

/**
 * Whether commands may write to the doc: it holds a workspace, of a schema this code knows, that
 * is not closed. Edits made on another device before it saw the closure still merge: a CRDT
 * cannot refuse them, and losing someone's offline work would be worse.
 *
 * @example
 *   const writable = checkWritable(doc); if (!writable.ok) return writable;
 */
export function checkWritable(doc: Y.Doc): WorkspaceResult {
  const version = readSchemaVersion(doc);
  if (version === undefined) return fail('NOT_INITIALISED');
  if (version > CURRENT_SCHEMA_VERSION) return fail('NEWER_SCHEMA');
  if (isWorkspaceClosed(doc)) return fail('WORKSPACE_CLOSED');
  return { ok: true };
}
