import { deriveFromWorkspaceKey } from './deriveFromWorkspaceKey';
import { toBase64Url } from './toBase64Url';
import type { RoomId, WorkspaceKey } from './types';

/**
 * The relay room of an epoch: base64url of crypto_kdf(key, subkey 1, context 'TrlsRoom').
 *
 * @example
 *   const url = `/sync/${deriveRoomId(key)}`;
 */
export function deriveRoomId(key: WorkspaceKey): RoomId {
  return toBase64Url(deriveFromWorkspaceKey(key, 'TrlsRoom')) as RoomId;
}
