// The passphrase vault: Argon2id against independent vectors, lock/unlock round trips, a wrong
// passphrase that loses nothing, the parameter floor and ceiling, and every malformed record.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  concatBytes,
  DEFAULT_PASSPHRASE_PARAMS,
  derivePassphraseKey,
  generateVaultKey,
  isAcceptedPassphraseParams,
  lockVaultKey,
  PASSPHRASE_PARAMS_CEILING,
  PASSPHRASE_PARAMS_FLOOR,
  PassphraseParamsError,
  readyCrypto,
  unlockVaultKey,
  unwrapKey,
  wrapKey,
  type LockedVault,
  type UnsafeTestOnlyParams,
  type VaultKey,
} from '$lib/crypto';
import { UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS as CHEAP } from '$lib/crypto/derivePassphraseKey';

beforeAll(readyCrypto);

const MIB = 1024 * 1024;
const PASSPHRASE = 'correct horse battery staple';
const SALT_0_TO_15 = Uint8Array.from({ length: 16 }, (_, index) => index);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A cheaply locked vault and the key inside it. */
function lockedCheaply(passphrase = PASSPHRASE): { vaultKey: VaultKey; locked: LockedVault } {
  const vaultKey = generateVaultKey();
  return { vaultKey, locked: lockVaultKey({ vaultKey, passphrase, params: CHEAP }) };
}

const unlockCheaply = (locked: unknown, passphrase = PASSPHRASE) =>
  unlockVaultKey({ locked, passphrase, allowUnsafeTestParams: CHEAP });

describe('derivePassphraseKey', () => {
  it('is Argon2id v1.3 with one lane (vectors from an independent implementation)', () => {
    // Both values were computed by a pure-Python Argon2id written from RFC 9106 (checked first
    // against the RFC's own Argon2id vector), with p = 1, no secret, no associated data.
    const cheap = derivePassphraseKey({
      passphrase: PASSPHRASE,
      salt: SALT_0_TO_15,
      params: CHEAP,
    });
    expect(hex(cheap)).toBe('d17ea6341ca93da6079ea2f64dc4aa31dd1aaf9caa67fb42ac4afd0714706f26');
    const floor = derivePassphraseKey({
      passphrase: 'café',
      salt: SALT_0_TO_15,
      params: PASSPHRASE_PARAMS_FLOOR,
    });
    expect(hex(floor)).toBe(FLOOR_VECTOR);
  });

  it('pins the default parameters and their output', () => {
    expect(DEFAULT_PASSPHRASE_PARAMS).toEqual({ opslimit: 3, memlimit: 64 * MIB });
    expect(PASSPHRASE_PARAMS_FLOOR).toEqual({ opslimit: 2, memlimit: 19 * MIB });
    expect(PASSPHRASE_PARAMS_CEILING).toEqual({ opslimit: 10, memlimit: 256 * MIB });
    const key = derivePassphraseKey({
      passphrase: PASSPHRASE,
      salt: SALT_0_TO_15,
      params: DEFAULT_PASSPHRASE_PARAMS,
    });
    // Also from the independent Python Argon2id (t = 3, m = 64 MiB, p = 1).
    expect(hex(key)).toBe('0d1a3c6523c8f06e4e0af9c515aa5b5448cfebd6838f2d52c3d8b6ef8ddc3c2e');
  });

  it('normalises the passphrase to NFKC before hashing', () => {
    const derive = (passphrase: string) =>
      hex(derivePassphraseKey({ passphrase, salt: SALT_0_TO_15, params: CHEAP }));
    expect(derive('cafe\u0301')).toBe(derive('caf\u00e9')); // decomposed vs composed accent
    expect(derive('\ufb01sh')).toBe(derive('fish')); // the "fi" ligature
    expect(derive('\uff54\uff52\uff45\uff4c\uff4c\uff49\uff53')).toBe(derive('trellis')); // full width
    expect(derive('Fish')).not.toBe(derive('fish'));
    expect(derive('fish ')).not.toBe(derive('fish'));
  });

  it('refuses parameters outside the range and salts of the wrong size', () => {
    const derive = (params: { opslimit: number; memlimit: number }, salt = SALT_0_TO_15) =>
      derivePassphraseKey({ passphrase: PASSPHRASE, salt, params });
    expect(() => derive({ opslimit: 1, memlimit: 64 * MIB })).toThrow(PassphraseParamsError);
    expect(() => derive({ opslimit: 3, memlimit: 18 * MIB })).toThrow(PassphraseParamsError);
    expect(() => derive({ opslimit: 11, memlimit: 64 * MIB })).toThrow(PassphraseParamsError);
    expect(() => derive({ opslimit: 3, memlimit: 257 * MIB })).toThrow(PassphraseParamsError);
    // The test parameters pass only as the constant itself, never as a look-alike.
    expect(() => derive({ ...CHEAP })).toThrow(PassphraseParamsError);
    expect(() => derive(CHEAP, SALT_0_TO_15.subarray(0, 15))).toThrow(RangeError);
    expect(() => derive(CHEAP, new Uint8Array(17))).toThrow(RangeError);
  });
});

describe('isAcceptedPassphraseParams', () => {
  it('accepts integers between floor and ceiling in whole KiB, and the test constant by identity', () => {
    const accepted = (params: unknown, allow?: UnsafeTestOnlyParams) =>
      isAcceptedPassphraseParams(params, allow);
    expect(accepted(DEFAULT_PASSPHRASE_PARAMS)).toBe(true);
    expect(accepted(PASSPHRASE_PARAMS_FLOOR)).toBe(true);
    expect(accepted(PASSPHRASE_PARAMS_CEILING)).toBe(true);
    expect(accepted({ opslimit: 4, memlimit: 128 * MIB })).toBe(true);
    expect(accepted({ opslimit: 3, memlimit: 64 * MIB + 1 })).toBe(false); // not whole KiB
    expect(accepted({ opslimit: 2.5, memlimit: 64 * MIB })).toBe(false);
    expect(accepted({ opslimit: '3', memlimit: 64 * MIB })).toBe(false);
    expect(accepted({ opslimit: 3 })).toBe(false);
    expect(accepted({ opslimit: Number.NaN, memlimit: 64 * MIB })).toBe(false);
    expect(accepted(null)).toBe(false);
    expect(accepted(CHEAP)).toBe(true);
    expect(accepted({ ...CHEAP })).toBe(false);
    expect(accepted({ ...CHEAP }, CHEAP)).toBe(true);
    // A caller cannot forge the permission: only the constant itself grants it.
    expect(accepted({ ...CHEAP }, { ...CHEAP } as UnsafeTestOnlyParams)).toBe(false);
  });
});

describe('lockVaultKey / unlockVaultKey', () => {
  it('round-trips with the default parameters (one real Argon2id each way)', () => {
    const vaultKey = generateVaultKey();
    const locked = lockVaultKey({ vaultKey, passphrase: PASSPHRASE });
    expect(locked).toMatchObject({ version: 1, opslimit: 3, memlimit: 64 * MIB });
    expect(locked.salt).toHaveLength(16);
    expect(locked.wrappedKey).toHaveLength(24 + 32 + 16);
    expect(unlockVaultKey({ locked, passphrase: PASSPHRASE })).toEqual({ ok: true, vaultKey });
    expect(unlockVaultKey({ locked, passphrase: 'Correct horse battery staple' })).toEqual({
      ok: false,
      code: 'WRONG_PASSPHRASE',
    });
  });

  it('round-trips a record that went through structured clone, as IndexedDB stores it', () => {
    const { vaultKey, locked } = lockedCheaply();
    const stored: unknown = structuredClone(locked);
    expect(unlockCheaply(stored)).toEqual({ ok: true, vaultKey });
  });

  it('says WRONG_PASSPHRASE for a wrong passphrase, and the record still opens afterwards', () => {
    const { vaultKey, locked } = lockedCheaply();
    const before = structuredClone(locked);
    for (const wrong of ['', 'correct horse battery stapl', 'correct horse battery staple ', 'x']) {
      expect(unlockCheaply(locked, wrong)).toEqual({ ok: false, code: 'WRONG_PASSPHRASE' });
    }
    expect(locked).toEqual(before);
    expect(unlockCheaply(locked)).toEqual({ ok: true, vaultKey });
  });

  it('unlocks with any spelling of the passphrase that NFKC makes equal', () => {
    const { vaultKey, locked } = lockedCheaply('Gru\u0308\u00dfe aus Ko\u0308ln');
    expect(unlockCheaply(locked, 'Gr\u00fc\u00dfe aus K\u00f6ln')).toEqual({ ok: true, vaultKey });
  });

  it('draws a fresh salt and nonce for every lock', () => {
    const vaultKey = generateVaultKey();
    const first = lockVaultKey({ vaultKey, passphrase: PASSPHRASE, params: CHEAP });
    const second = lockVaultKey({ vaultKey, passphrase: PASSPHRASE, params: CHEAP });
    expect(first.salt).not.toEqual(second.salt);
    expect(first.wrappedKey).not.toEqual(second.wrappedKey);
  });

  it('refuses to lock with an empty passphrase, a short key or parameters out of range', () => {
    const vaultKey = generateVaultKey();
    expect(() => lockVaultKey({ vaultKey, passphrase: '', params: CHEAP })).toThrow(RangeError);
    expect(() =>
      lockVaultKey({ vaultKey: vaultKey.subarray(1) as VaultKey, passphrase: 'p', params: CHEAP }),
    ).toThrow(RangeError);
    expect(() =>
      lockVaultKey({ vaultKey, passphrase: 'p', params: { opslimit: 1, memlimit: 8192 } }),
    ).toThrow(PassphraseParamsError);
  });

  it('reads test parameters back only when the test constant is passed', () => {
    const { locked } = lockedCheaply();
    expect(unlockVaultKey({ locked, passphrase: PASSPHRASE })).toEqual({
      ok: false,
      code: 'MALFORMED_VAULT',
    });
  });

  it('says MALFORMED_VAULT for stored parameters below the floor or above the ceiling', () => {
    const { locked } = lockedCheaply();
    const withParams = (opslimit: number, memlimit: number) =>
      unlockCheaply({ ...locked, opslimit, memlimit });
    const malformed = { ok: false, code: 'MALFORMED_VAULT' };
    // An attacker who edits the record cannot make unlocking cheap or ruinously expensive: these
    // are refused before any derivation runs.
    expect(withParams(1, 64 * MIB)).toEqual(malformed);
    expect(withParams(2, 19 * MIB - 1024)).toEqual(malformed);
    expect(withParams(2, 8192)).toEqual(malformed);
    expect(withParams(1, 16 * MIB)).toEqual(malformed);
    expect(withParams(11, 64 * MIB)).toEqual(malformed);
    expect(withParams(3, 257 * MIB)).toEqual(malformed);
    expect(withParams(3, 0x1_0000_0000)).toEqual(malformed);
    expect(withParams(3, 64 * MIB + 512)).toEqual(malformed);
    expect(withParams(-3, 64 * MIB)).toEqual(malformed);
  });

  it('says MALFORMED_VAULT for every record of the wrong shape', () => {
    const { locked } = lockedCheaply();
    const variants: unknown[] = [
      undefined,
      null,
      'locked',
      42,
      [],
      {},
      { ...locked, version: 2 },
      { ...locked, version: 0 },
      { ...locked, version: '1' },
      { ...locked, salt: locked.salt.subarray(0, 15) },
      { ...locked, salt: concatBytes([locked.salt, new Uint8Array(1)]) },
      { ...locked, salt: Array.from(locked.salt) },
      { ...locked, salt: undefined },
      { ...locked, wrappedKey: locked.wrappedKey.subarray(0, 71) },
      { ...locked, wrappedKey: concatBytes([locked.wrappedKey, new Uint8Array(1)]) },
      { ...locked, wrappedKey: new Uint8Array(0) },
      { ...locked, wrappedKey: locked.wrappedKey.buffer },
      { ...locked, opslimit: undefined },
      { ...locked, memlimit: '8192' },
      { ...locked, opslimit: 1.5 },
    ];
    for (const variant of variants) {
      expect(unlockCheaply(variant)).toEqual({ ok: false, code: 'MALFORMED_VAULT' });
    }
  });

  it('fails closed on every changed byte of the salt or the wrapped key', () => {
    const { locked } = lockedCheaply();
    const wrong = { ok: false, code: 'WRONG_PASSPHRASE' };
    for (const field of ['salt', 'wrappedKey'] as const) {
      for (let index = 0; index < locked[field].length; index += 1) {
        const changed = locked[field].slice();
        changed[index]! ^= 0x01;
        expect(unlockCheaply({ ...locked, [field]: changed })).toEqual(wrong);
      }
    }
  });

  it('binds the parameters: a record edited to other accepted parameters does not open', () => {
    const vaultKey = generateVaultKey();
    const locked = lockVaultKey({
      vaultKey,
      passphrase: PASSPHRASE,
      params: PASSPHRASE_PARAMS_FLOOR,
    });
    expect(unlockVaultKey({ locked, passphrase: PASSPHRASE })).toEqual({ ok: true, vaultKey });
    expect(unlockVaultKey({ locked: { ...locked, opslimit: 3 }, passphrase: PASSPHRASE })).toEqual({
      ok: false,
      code: 'WRONG_PASSPHRASE',
    });
  });

  it('uses associated data of its own: a locked vault and a wrapped key never open as each other', () => {
    const { locked } = lockedCheaply();
    const passphraseKey = derivePassphraseKey({
      passphrase: PASSPHRASE,
      salt: locked.salt,
      params: CHEAP,
    }) as Uint8Array as VaultKey;
    expect(unwrapKey({ wrapped: locked.wrappedKey, vaultKey: passphraseKey })).toEqual({
      ok: false,
      code: 'UNWRAP_FAILED',
    });
    const wrapped = wrapKey({ key: generateVaultKey(), vaultKey: passphraseKey });
    expect(unlockCheaply({ ...locked, wrappedKey: wrapped })).toEqual({
      ok: false,
      code: 'WRONG_PASSPHRASE',
    });
  });
});

/** Argon2id(utf8('café'), salt 00…0f, t = 2, m = 19 MiB, p = 1), from the Python implementation. */
const FLOOR_VECTOR = '8b71d55708d018875daccfd05f113bdac25d2b1cc0675851b1ac10cfa651623e';
