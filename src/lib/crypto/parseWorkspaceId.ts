import { fromBase64Url } from './fromBase64Url';
import { WORKSPACE_ID_BYTES } from './sizes';
import type { WorkspaceId } from './types';

/**
 * Parses an untrusted workspace id (an invite fragment, a Dexie row): the canonical base64url
 * of 16 bytes, or `undefined`.
 *
 * @example
 *   parseWorkspaceId(fragment.workspace); // WorkspaceId | undefined
 */
export function parseWorkspaceId(text: unknown): WorkspaceId | undefined {
  if (typeof text !== 'string') return undefined;
  return fromBase64Url(text)?.length === WORKSPACE_ID_BYTES ? (text as WorkspaceId) : undefined;
}
