import { deriveFromWorkspaceKey } from './deriveFromWorkspaceKey';
import { toBase64Url } from './toBase64Url';
import type { RelayToken, WorkspaceKey } from './types';

/**
 * The token that admits a client to the epoch's room: base64url of crypto_kdf(key, subkey 1,
 * context 'TrlsTokn'). Only holders of the workspace key can compute it.
 *
 * @example
 *   const token = deriveRelayToken(key);
 */
export function deriveRelayToken(key: WorkspaceKey): RelayToken {
  return toBase64Url(deriveFromWorkspaceKey(key, 'TrlsTokn')) as RelayToken;
}
