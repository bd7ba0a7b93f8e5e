// Unlocking reads a record from storage, so the record is untrusted: it is parsed field by field,
// and its Argon2id parameters must lie between the floor and the ceiling before any derivation
// runs. A wrong passphrase and a record whose bytes were changed both fail the AEAD check and are
// reported as WRONG_PASSPHRASE: nothing is modified, so the person can simply try again.
import { isBytes } from './bytes';
import { decryptAead } from './decryptAead';
import {
  derivePassphraseKey,
  isAcceptedPassphraseParams,
  PASSPHRASE_SALT_BYTES,
  type UnsafeTestOnlyParams,
} from './derivePassphraseKey';
import {
  LOCKED_VAULT_VERSION,
  LOCKED_VAULT_WRAPPED_BYTES,
  lockedVaultAssociatedData,
  type LockedVault,
} from './lockVaultKey';
import { AEAD_NONCE_BYTES } from './sizes';
import type { VaultKey } from './types';

/** Why a locked vault did not open. */
export type UnlockVaultErrorCode =
  /** The passphrase does not open this record (or the record's bytes were changed). */
  | 'WRONG_PASSPHRASE'
  /** Not a locked vault this code can read: wrong shape, version, sizes or parameters. */
  | 'MALFORMED_VAULT';

/** The outcome of `unlockVaultKey`. */
export type UnlockVaultResult =
  { ok: true; vaultKey: VaultKey } | { ok: false; code: UnlockVaultErrorCode };

/**
 * Parses an untrusted locked-vault record; `undefined` unless every field has its type and size
 * and the parameters are accepted (see `isAcceptedPassphraseParams`). Never throws.
 *
 * @example
 *   const locked = parseLockedVault(row.locked);
 */
export function parseLockedVault(
  value: unknown,
  allowUnsafeTestParams?: UnsafeTestOnlyParams,
): LockedVault | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, salt, opslimit, memlimit, wrappedKey } = value as Record<string, unknown>;
  if (version !== LOCKED_VAULT_VERSION) return undefined;
  if (!isBytes(salt, PASSPHRASE_SALT_BYTES) || !isBytes(wrappedKey, LOCKED_VAULT_WRAPPED_BYTES)) {
    return undefined;
  }
  if (!isAcceptedPassphraseParams({ opslimit, memlimit }, allowUnsafeTestParams)) return undefined;
  return {
    version,
    salt,
    opslimit: opslimit as number,
    memlimit: memlimit as number,
    wrappedKey,
  };
}

/**
 * Opens a vault key locked by `lockVaultKey`. Runs Argon2id once (about a second on a phone)
 * unless the record is malformed. Never throws on any record.
 *
 * @example
 *   const unlocked = unlockVaultKey({ locked: row.locked, passphrase });
 *   if (!unlocked.ok) return showError(unlocked.code); // 'WRONG_PASSPHRASE' | 'MALFORMED_VAULT'
 * @throws CryptoNotReadyError before `readyCrypto()`; an Error if the device cannot allocate
 *   the record's memlimit (at most the ceiling, 256 MiB).
 */
export function unlockVaultKey(input: {
  locked: unknown;
  passphrase: string;
  allowUnsafeTestParams?: UnsafeTestOnlyParams;
}): UnlockVaultResult {
  const { passphrase, allowUnsafeTestParams } = input;
  const locked = parseLockedVault(input.locked, allowUnsafeTestParams);
  if (!locked) return { ok: false, code: 'MALFORMED_VAULT' };
  const { salt, opslimit, memlimit, wrappedKey } = locked;
  const key = derivePassphraseKey({
    passphrase,
    salt,
    params: { opslimit, memlimit },
    allowUnsafeTestParams,
  });
  try {
    const opened = decryptAead({
      nonce: wrappedKey.subarray(0, AEAD_NONCE_BYTES),
      ciphertext: wrappedKey.subarray(AEAD_NONCE_BYTES),
      associatedData: lockedVaultAssociatedData({ salt, opslimit, memlimit }),
      key,
    });
    return opened.ok
      ? { ok: true, vaultKey: opened.plaintext as VaultKey }
      : { ok: false, code: 'WRONG_PASSPHRASE' };
  } finally {
    key.fill(0);
  }
}
