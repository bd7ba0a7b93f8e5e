import { randomBytes } from './randomBytes';
import { SYMMETRIC_KEY_BYTES } from './sizes';
import type { WorkspaceKey } from './types';

/**
 * A fresh workspace key for one epoch: 32 random bytes.
 *
 * @example
 *   const key = generateWorkspaceKey();
 *   const room = deriveRoomId(key);
 */
export function generateWorkspaceKey(): WorkspaceKey {
  return randomBytes(SYMMETRIC_KEY_BYTES) as WorkspaceKey;
}
