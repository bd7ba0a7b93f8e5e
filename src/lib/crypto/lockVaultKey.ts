// App lock: the vault key (which wraps every local secret) rests wrapped by a key derived from
// the person's passphrase. The record carries its own salt and Argon2id parameters, so it can be
// stored as-is and opened later even after the defaults change. The associated data names the
// purpose and repeats version, salt and parameters: a locked vault can never be opened as a
// wrapped key (`wrapKey` uses other associated data) or as anything else under the same key.
import { concatBytes, utf8 } from './bytes';
import {
  DEFAULT_PASSPHRASE_PARAMS,
  derivePassphraseKey,
  passphraseBytes,
  PASSPHRASE_SALT_BYTES,
  type PassphraseParams,
} from './derivePassphraseKey';
import { encryptAead } from './encryptAead';
import { randomBytes } from './randomBytes';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, SYMMETRIC_KEY_BYTES } from './sizes';
import type { VaultKey } from './types';

/** The only locked-vault layout this code reads and writes. */
export const LOCKED_VAULT_VERSION = 1;

/** nonce(24) | XChaCha20-Poly1305(vault key) with its tag: 72 bytes. */
export const LOCKED_VAULT_WRAPPED_BYTES = AEAD_NONCE_BYTES + SYMMETRIC_KEY_BYTES + AEAD_TAG_BYTES;

/** A vault key locked by a passphrase, as stored (a plain object of numbers and bytes). */
export interface LockedVault {
  version: typeof LOCKED_VAULT_VERSION;
  /** 16 random bytes, fresh for every lock. */
  salt: Uint8Array;
  /** Argon2id passes. */
  opslimit: number;
  /** Argon2id memory in bytes. */
  memlimit: number;
  /** nonce(24) | ciphertext of the 32-byte vault key | tag(16). */
  wrappedKey: Uint8Array;
}

const AD_PREFIX = utf8('trellis/locked-vault/v1\0');

/**
 * The associated data of a locked vault: `"trellis/locked-vault/v1\0" | version(1) | salt(16) |
 * u32be(opslimit) | u32be(memlimit)`.
 *
 * @example
 *   lockedVaultAssociatedData({ salt, opslimit: 3, memlimit: 64 * 1024 * 1024 });
 */
export function lockedVaultAssociatedData(
  input: { salt: Uint8Array } & PassphraseParams,
): Uint8Array {
  const fields = new Uint8Array(1 + PASSPHRASE_SALT_BYTES + 8);
  const view = new DataView(fields.buffer);
  fields[0] = LOCKED_VAULT_VERSION;
  fields.set(input.salt, 1);
  view.setUint32(1 + PASSPHRASE_SALT_BYTES, input.opslimit);
  view.setUint32(1 + PASSPHRASE_SALT_BYTES + 4, input.memlimit);
  return concatBytes([AD_PREFIX, fields]);
}

/**
 * Locks `vaultKey` under `passphrase` with a fresh salt. `params` defaults to
 * `DEFAULT_PASSPHRASE_PARAMS`; other values must lie between the floor and the ceiling (tests
 * may pass `UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS` itself).
 *
 * @example
 *   const locked = lockVaultKey({ vaultKey, passphrase: 'correct horse battery staple' });
 *   await db.settings.put({ id: 'lock', locked });
 * @throws RangeError on an empty passphrase or a vault key that is not 32 bytes;
 *   PassphraseParamsError on parameters out of range; CryptoNotReadyError before `readyCrypto()`.
 */
export function lockVaultKey(input: {
  vaultKey: VaultKey;
  passphrase: string;
  params?: PassphraseParams;
}): LockedVault {
  const { vaultKey, passphrase, params = DEFAULT_PASSPHRASE_PARAMS } = input;
  // An empty passphrase would lock with nothing; the UI must ask for one first.
  if (passphraseBytes(passphrase).length === 0) {
    throw new RangeError('lockVaultKey: the passphrase is empty');
  }
  if (vaultKey.length !== SYMMETRIC_KEY_BYTES) {
    throw new RangeError('lockVaultKey: a vault key has 32 bytes');
  }
  const salt = randomBytes(PASSPHRASE_SALT_BYTES);
  const key = derivePassphraseKey({ passphrase, salt, params });
  const { opslimit, memlimit } = params;
  try {
    const { nonce, ciphertext } = encryptAead({
      plaintext: vaultKey,
      associatedData: lockedVaultAssociatedData({ salt, opslimit, memlimit }),
      key,
    });
    return {
      version: LOCKED_VAULT_VERSION,
      salt,
      opslimit,
      memlimit,
      wrappedKey: concatBytes([nonce, ciphertext]),
    };
  } finally {
    key.fill(0);
  }
}
