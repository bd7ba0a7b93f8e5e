import type * as Y from 'yjs';
import { rootMap } from './docShape';
import { readString } from './model/readFields';
import { readSchemaVersion } from './schemaVersion';

export interface WorkspaceMeta {
  /** `undefined` until the workspace exists on this device. */
  schemaVersion: number | undefined;
  /** The pair's title; lives only inside the encrypted inner doc. */
  title: string;
  createdAt: string | undefined;
  createdBy: string | undefined;
}

/**
 * The pair's title and the doc's metadata, for the home screen's list of pairs.
 *
 * @example
 *   readWorkspaceMeta(doc).title; // 'Ana & Ben'
 */
export function readWorkspaceMeta(doc: Y.Doc): WorkspaceMeta {
  const meta = rootMap(doc, 'meta');
  return {
    schemaVersion: readSchemaVersion(doc),
    title: readString(meta, 'title') ?? '',
    createdAt: readString(meta, 'createdAt'),
    createdBy: readString(meta, 'createdBy'),
  };
}
