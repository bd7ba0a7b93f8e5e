import { randomBytes } from './randomBytes';
import { SYMMETRIC_KEY_BYTES } from './sizes';
import type { VaultKey } from './types';

/**
 * A fresh vault key: 32 random bytes that wrap every local secret.
 *
 * @example
 *   const vaultKey = generateVaultKey();
 *   const wrapped = wrapKey({ key: workspaceKey, vaultKey });
 */
export function generateVaultKey(): VaultKey {
  return randomBytes(SYMMETRIC_KEY_BYTES) as VaultKey;
}
