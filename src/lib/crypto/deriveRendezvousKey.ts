// A rendezvous (linking a device, answering an invite) is a short-lived relay room named by a
// secret that only the link carries. The room id and relay token come from the secret as from an
// epoch key; the messages are sealed under a third, independent subkey.
import { deriveFromWorkspaceKey } from './deriveFromWorkspaceKey';
import type { WorkspaceKey } from './types';

/**
 * The message key of a rendezvous: crypto_kdf(secret, subkey 1, context 'TrlsRdvz').
 *
 * @example
 *   const key = deriveRendezvousKey(secret);
 *   encryptAead({ plaintext, associatedData, key });
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the secret is not 32 bytes.
 */
export function deriveRendezvousKey(secret: Uint8Array): Uint8Array {
  return deriveFromWorkspaceKey(secret as WorkspaceKey, 'TrlsRdvz');
}
