// Local secrets (workspace keys, the device's secret keys) rest in IndexedDB only in wrapped
// form. The associated data names the purpose, so a wrapped key can never be opened as a blob
// or anything else encrypted under the vault key, and vice versa.
import { utf8 } from './bytes';
import { sealSecret } from './sealSecret';
import type { VaultKey, WrappedKey } from './types';

/** Associated data of every wrapped key. */
export const WRAPPED_KEY_AD = utf8('trellis/wrapped-key/v1');

/**
 * Encrypts `key` under the vault key: nonce(24) | XChaCha20-Poly1305(key), 40 bytes longer than
 * the key.
 *
 * @example
 *   const wrapped = wrapKey({ key: workspaceKey, vaultKey });
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the vault key is not 32 bytes.
 */
export function wrapKey(input: { key: Uint8Array; vaultKey: VaultKey }): WrappedKey {
  return sealSecret({
    plaintext: input.key,
    associatedData: WRAPPED_KEY_AD,
    key: input.vaultKey,
  }) as WrappedKey;
}
