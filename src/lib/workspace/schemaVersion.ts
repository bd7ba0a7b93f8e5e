import type * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION, rootMap } from './docShape';

/**
 * The doc's schema version, or `undefined` when the doc holds no workspace yet (a joining
 * device before its first sync) or the value is not a positive integer.
 *
 * @example
 *   readSchemaVersion(new Y.Doc()); // undefined
 */
export function readSchemaVersion(doc: Y.Doc): number | undefined {
  const value = rootMap(doc, 'meta').get('schemaVersion');
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Whether the doc was written by a newer Trellis than this one. The UI then asks the person to
 * update instead of editing (and maybe corrupting) a shape it does not know.
 *
 * @example
 *   if (isDocFromNewerVersion(doc)) showUpdatePrompt();
 */
export function isDocFromNewerVersion(doc: Y.Doc): boolean {
  const version = readSchemaVersion(doc);
  return version !== undefined && version > CURRENT_SCHEMA_VERSION;
}
