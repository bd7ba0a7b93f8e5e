import { isBytes } from './bytes';
import { openSecret } from './sealSecret';
import type { VaultKey, WrappedKey } from './types';
import { WRAPPED_KEY_AD } from './wrapKey';

/**
 * Opens a key wrapped by `wrapKey`. A wrong vault key, tampered or truncated bytes all give
 * `UNWRAP_FAILED`; never throws on malformed input.
 *
 * @example
 *   const opened = unwrapKey({ wrapped: row.wrappedKey, vaultKey });
 *   if (opened.ok) use(opened.key as WorkspaceKey);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function unwrapKey(input: {
  wrapped: WrappedKey | Uint8Array;
  vaultKey: VaultKey;
}): { ok: true; key: Uint8Array } | { ok: false; code: 'UNWRAP_FAILED' } {
  const { wrapped, vaultKey } = input;
  if (!isBytes(wrapped)) return { ok: false, code: 'UNWRAP_FAILED' };
  const opened = openSecret({ sealed: wrapped, associatedData: WRAPPED_KEY_AD, key: vaultKey });
  return opened.ok ? { ok: true, key: opened.plaintext } : { ok: false, code: 'UNWRAP_FAILED' };
}
