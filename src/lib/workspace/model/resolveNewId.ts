import type * as Y from 'yjs';
import { fail, type WorkspaceResult } from '../errors';
import { newId } from './newId';

const MAX_ID_LENGTH = 100;

/**
 * The id for a new entity in `collection`: the given one (checked: a short non-empty string not
 * in use) or a fresh random UUID.
 *
 * @example
 *   const id = resolveNewId(goals, input.id); if (!id.ok) return id;
 */
export function resolveNewId(
  collection: Y.Map<unknown>,
  id: string | undefined,
): WorkspaceResult<{ id: string }> {
  if (id === undefined) return { ok: true, id: newId() };
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) {
    return fail('INVALID_VALUE', 'id');
  }
  if (collection.has(id)) return fail('DUPLICATE_ID', 'id');
  return { ok: true, id };
}
