// libsodium's crypto_kdf (BLAKE2b keyed by the workspace key, with the subkey id as salt and the
// 8-byte context as personalisation). Distinct contexts make the room id and the relay token
// independent: the relay learns the room id and a hash of the token, and neither tells it
// anything about the key or the other value.
import { getSodium } from './sodium';
import type { WorkspaceKey } from './types';

/** The crypto_kdf contexts in use; each is exactly 8 bytes, as crypto_kdf requires. */
export type KdfContext = 'TrlsRoom' | 'TrlsTokn' | 'TrlsRdvz';

/** Bytes of every value derived from a workspace key. */
export const DERIVED_BYTES = 32;

/**
 * 32 bytes derived from `key` under `context` with subkey id 1.
 *
 * @example
 *   deriveFromWorkspaceKey(key, 'TrlsRoom');
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the key is not 32 bytes.
 */
export function deriveFromWorkspaceKey(key: WorkspaceKey, context: KdfContext): Uint8Array {
  return getSodium().crypto_kdf_derive_from_key(DERIVED_BYTES, 1, context, key);
}
