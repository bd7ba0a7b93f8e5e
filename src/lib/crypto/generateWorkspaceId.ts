import { randomBytes } from './randomBytes';
import { WORKSPACE_ID_BYTES } from './sizes';
import { toBase64Url } from './toBase64Url';
import type { WorkspaceId } from './types';

/**
 * A fresh workspace id: base64url of 16 random bytes (22 characters). It is public (it sits in
 * every blob header) and never changes across epochs.
 *
 * @example
 *   generateWorkspaceId(); // 'q3Jx…' (22 chars)
 */
export function generateWorkspaceId(): WorkspaceId {
  return toBase64Url(randomBytes(WORKSPACE_ID_BYTES)) as WorkspaceId;
}
