import type * as Y from 'yjs';
import { fail, type WorkspaceResult } from '../errors';
import { findPerson } from '../people/listPeople';
import { checkWritable } from './checkWritable';
import { resolveAt, type CommandInput } from './commandInput';

/**
 * The checks every command makes first: the doc is writable, the instant is valid, the actor is
 * one of the pair. Answers the actor and the instant as an ISO string.
 *
 * @example
 *   const start = startCommand(doc, input); if (!start.ok) return start;
 *   goal.set('createdAt', start.at);
 */
export function startCommand(
  doc: Y.Doc,
  input: CommandInput,
): WorkspaceResult<{ by: string; at: string }> {
  const writable = checkWritable(doc);
  if (!writable.ok) return writable;
  const at = resolveAt(input.at);
  if (!at.ok) return at;
  if (typeof input.by !== 'string' || !findPerson(doc, input.by))
    return fail('UNKNOWN_PERSON', 'by');
  return { ok: true, by: input.by, at: at.iso };
}
