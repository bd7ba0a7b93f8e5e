// A passphrase becomes a key through Argon2id (libsodium's crypto_pwhash, ALG_ARGON2ID13, one
// lane). Argon2id is memory-hard, so guessing passphrases on GPUs costs memory as well as time;
// that is the only thing standing between a stolen device (or backup file) and its contents.
//
// The cost parameters travel with what they protect (a locked vault record, a backup file), so
// they are untrusted when read back. Every derivation checks them against a floor and a ceiling:
// below the floor no code path ever derives a key (a stored record or a backup cannot carry weak
// parameters into a later re-lock or export), above the ceiling a hostile record could freeze or
// crash the device. Tests need cheap parameters; those are accepted only when the caller hands in
// the one constant `UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS`, which the crypto index does not export.
import type { Brand } from './brand';
import { isBytes, utf8 } from './bytes';
import { SYMMETRIC_KEY_BYTES } from './sizes';
import { getSodium } from './sodium';

/** Argon2id cost: passes over memory (`opslimit`) and memory in bytes (`memlimit`). */
export interface PassphraseParams {
  readonly opslimit: number;
  readonly memlimit: number;
}

/** 32 bytes derived from a passphrase; wraps a vault key or seals a backup. */
export type PassphraseKey = Brand<Uint8Array, 'PassphraseKey'>;

/** Cheap parameters for unit tests only; see `UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS`. */
export type UnsafeTestOnlyParams = Brand<PassphraseParams, 'UnsafeTestOnlyParams'>;

/** Random salt bytes per derivation (crypto_pwhash_SALTBYTES). */
export const PASSPHRASE_SALT_BYTES = 16;

const MIB = 1024 * 1024;

/**
 * What Trellis writes: 3 passes over 64 MiB. About 0.2 s in Node on one core; WebAssembly on a
 * mid-range phone is several times slower, so expect around a second. 64 MiB is libsodium's
 * "interactive" memory and well inside libsodium.js's heap (it grows up to 2 GiB), while phones
 * kill tabs that ask for hundreds of MiB. The third pass makes every guess cost 50% more than
 * libsodium's interactive opslimit of 2, at a cost the person feels only once per unlock.
 */
export const DEFAULT_PASSPHRASE_PARAMS: PassphraseParams = Object.freeze({
  opslimit: 3,
  memlimit: 64 * MIB,
});

/** The least accepted: OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane). */
export const PASSPHRASE_PARAMS_FLOOR: PassphraseParams = Object.freeze({
  opslimit: 2,
  memlimit: 19 * MIB,
});

/** The most accepted: more would freeze or crash a phone's tab (a denial of service). */
export const PASSPHRASE_PARAMS_CEILING: PassphraseParams = Object.freeze({
  opslimit: 10,
  memlimit: 256 * MIB,
});

/**
 * libsodium's minimum (1 pass, 8 KiB): microseconds, and worthless against guessing. Accepted
 * only by identity (pass this very object), never by value alone, so no stored record or file
 * can select it. Import it from `$lib/crypto/derivePassphraseKey` in tests; the crypto index
 * does not export it.
 */
export const UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS = Object.freeze({
  opslimit: 1,
  memlimit: 8192,
}) as UnsafeTestOnlyParams;

/** Parameters outside the accepted range were passed to a derivation: a programming error. */
export class PassphraseParamsError extends Error {
  override readonly name = 'PassphraseParamsError';
}

const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/**
 * Whether `params` may be used: integers within floor and ceiling, memory a whole number of KiB
 * (Argon2 counts KiB, so any other value would be a second spelling of the same cost). The test
 * parameters pass only as the object itself, or by value when `allowUnsafeTestParams` is that
 * object (for reading back what a test wrote).
 *
 * @example
 *   isAcceptedPassphraseParams({ opslimit: record.opslimit, memlimit: record.memlimit });
 */
export function isAcceptedPassphraseParams(
  params: unknown,
  allowUnsafeTestParams?: UnsafeTestOnlyParams,
): params is PassphraseParams {
  if (typeof params !== 'object' || params === null) return false;
  if (params === UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS) return true;
  const { opslimit, memlimit } = params as Record<string, unknown>;
  if (!isInteger(opslimit) || !isInteger(memlimit)) return false;
  if (
    allowUnsafeTestParams === UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS &&
    opslimit === UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS.opslimit &&
    memlimit === UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS.memlimit
  ) {
    return true;
  }
  return (
    opslimit >= PASSPHRASE_PARAMS_FLOOR.opslimit &&
    opslimit <= PASSPHRASE_PARAMS_CEILING.opslimit &&
    memlimit >= PASSPHRASE_PARAMS_FLOOR.memlimit &&
    memlimit <= PASSPHRASE_PARAMS_CEILING.memlimit &&
    memlimit % 1024 === 0
  );
}

/**
 * The bytes a passphrase stands for: NFKC-normalised, then UTF-8. NFKC makes the same visible
 * passphrase typed on two keyboards (composed or decomposed accents, full-width forms, ligatures)
 * derive the same key.
 *
 * @example
 *   passphraseBytes('cafe\u0301') // same bytes as passphraseBytes('café')
 */
export function passphraseBytes(passphrase: string): Uint8Array {
  return utf8(passphrase.normalize('NFKC'));
}

/**
 * Argon2id(passphrase, salt, params) → 32 bytes. Synchronous and slow by design (about a second
 * on a phone with the defaults): call it off the input handler, after the UI showed progress.
 *
 * @example
 *   const key = derivePassphraseKey({ passphrase, salt, params: DEFAULT_PASSPHRASE_PARAMS });
 * @throws PassphraseParamsError on parameters outside the accepted range; RangeError on a salt
 *   that is not 16 bytes; CryptoNotReadyError before `readyCrypto()`; an Error if the device
 *   cannot allocate `memlimit`.
 */
export function derivePassphraseKey(input: {
  passphrase: string;
  salt: Uint8Array;
  params: PassphraseParams;
  allowUnsafeTestParams?: UnsafeTestOnlyParams;
}): PassphraseKey {
  const { passphrase, salt, params, allowUnsafeTestParams } = input;
  const sodium = getSodium();
  const { opslimit, memlimit } = params;
  if (!isAcceptedPassphraseParams(params, allowUnsafeTestParams)) {
    throw new PassphraseParamsError(
      `Argon2id parameters out of range: opslimit ${opslimit}, memlimit ${memlimit}`,
    );
  }
  if (!isBytes(salt, PASSPHRASE_SALT_BYTES)) {
    throw new RangeError('derivePassphraseKey: the salt must be 16 bytes');
  }
  const secret = passphraseBytes(passphrase);
  try {
    return sodium.crypto_pwhash(
      SYMMETRIC_KEY_BYTES,
      secret,
      salt,
      opslimit,
      memlimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    ) as PassphraseKey;
  } finally {
    // Best effort: the JS string cannot be wiped, but this copy need not outlive the call.
    secret.fill(0);
  }
}
