// The backup container: round trips, the layout rebuilt by hand from the protocol text, a wrong
// passphrase told apart from damage, every byte flipped, every truncation, foreign files, other
// versions and the parameter floor.
import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  DEFAULT_PASSPHRASE_PARAMS,
  derivePassphraseKey,
  encryptAead,
  hashBytes,
  padPlaintext,
  PASSPHRASE_PARAMS_FLOOR,
  PassphraseParamsError,
  readyCrypto,
} from '$lib/crypto';
import { UNSAFE_TEST_ONLY_PASSPHRASE_PARAMS as CHEAP } from '$lib/crypto/derivePassphraseKey';
import {
  BACKUP_FIELDS,
  BACKUP_HEADER_BYTES,
  BACKUP_MIN_BYTES,
  computeBackupChecksum,
  openBackup,
  sealBackup,
  type BackupErrorCode,
} from '$lib/sync/backup';

// Top-level await: fixtures below are sealed while the file is collected.
await readyCrypto();

const PASSPHRASE = 'four mentees, one garden';
const MIB = 1024 * 1024;
const failure = (code: BackupErrorCode) => ({ ok: false, code });
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Deterministic "random" bytes of any length: a BLAKE2b counter stream. */
function seededBytes(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let block = 0; block * 64 < length; block += 1) {
    const chunk = hashBytes(utf8(`trellis-test/${label}/${block}`), 64);
    out.set(chunk.subarray(0, Math.min(64, length - block * 64)), block * 64);
  }
  return out;
}

const sealCheaply = (payload: Uint8Array, passphrase = PASSPHRASE) =>
  sealBackup({ payload, passphrase, params: CHEAP });
const openCheaply = (file: unknown, passphrase = PASSPHRASE) =>
  openBackup({ file, passphrase, allowUnsafeTestParams: CHEAP });

/** A copy of `file` with its checksum recomputed, as an attacker (not an accident) would. */
function withFreshChecksum(file: Uint8Array): Uint8Array {
  const copy = file.slice();
  copy.set(computeBackupChecksum(copy), BACKUP_FIELDS.checksum.offset);
  return copy;
}

const PAYLOAD = seededBytes('payload', 700);

describe('sealBackup / openBackup', () => {
  it('round-trips payloads of every size class', () => {
    for (const length of [0, 1, 1023, 1024, 1025, 5000]) {
      const payload = seededBytes(`payload-${length}`, length);
      const file = sealCheaply(payload);
      // Padded to whole KiB (at least one byte of padding), plus header and tag.
      const padded = (Math.floor(length / 1024) + 1) * 1024;
      expect(file).toHaveLength(BACKUP_HEADER_BYTES + 16 + padded);
      expect(openCheaply(file)).toEqual({ ok: true, payload });
    }
  });

  it('round-trips with the default parameters (one real Argon2id each way)', () => {
    const file = sealBackup({ payload: PAYLOAD, passphrase: PASSPHRASE });
    const view = new DataView(file.buffer, file.byteOffset);
    expect(view.getUint32(BACKUP_FIELDS.opslimit.offset)).toBe(3);
    expect(view.getUint32(BACKUP_FIELDS.memlimit.offset)).toBe(64 * MIB);
    expect(openBackup({ file, passphrase: PASSPHRASE })).toEqual({ ok: true, payload: PAYLOAD });
    expect(openBackup({ file, passphrase: 'four mentees, one garden!' })).toEqual(
      failure('WRONG_PASSPHRASE'),
    );
    expect(DEFAULT_PASSPHRASE_PARAMS.memlimit).toBe(64 * MIB);
  });

  it('writes the layout the protocol describes', () => {
    const file = sealCheaply(PAYLOAD);
    expect(new TextDecoder().decode(file.subarray(0, 8))).toBe('TRLSBAK1');
    expect(file[8]).toBe(1);
    const view = new DataView(file.buffer, file.byteOffset);
    expect(view.getUint32(25)).toBe(CHEAP.opslimit);
    expect(view.getUint32(29)).toBe(CHEAP.memlimit);
    // The checksum, recomputed here from the text: BLAKE2b-256 of a domain and every byte but
    // the checksum's own 32 at offset 57.
    const expected = hashBytes(
      concatBytes([utf8('trellis/backup-checksum/v1\0'), file.subarray(0, 57), file.subarray(89)]),
      32,
    );
    expect(file.subarray(57, 89)).toEqual(expected);
    expect(BACKUP_HEADER_BYTES).toBe(89);
    expect(BACKUP_MIN_BYTES).toBe(89 + 16 + 1024);
  });

  it('opens a file built by hand from the protocol text', () => {
    const salt = seededBytes('salt', 16);
    const header = new Uint8Array(33);
    header.set(utf8('TRLSBAK1'));
    header[8] = 1;
    header.set(salt, 9);
    new DataView(header.buffer).setUint32(25, CHEAP.opslimit);
    new DataView(header.buffer).setUint32(29, CHEAP.memlimit);
    const key = derivePassphraseKey({ passphrase: PASSPHRASE, salt, params: CHEAP });
    const build = (plaintext: Uint8Array) => {
      const { nonce, ciphertext } = encryptAead({
        plaintext,
        associatedData: concatBytes([utf8('trellis/backup/v1\0'), header]),
        key,
      });
      return withFreshChecksum(concatBytes([header, nonce, new Uint8Array(32), ciphertext]));
    };
    expect(openCheaply(build(padPlaintext(PAYLOAD, 1024)))).toEqual({ ok: true, payload: PAYLOAD });
    // Authentic but not padded as the format requires: only a passphrase holder could make it.
    expect(openCheaply(build(new Uint8Array(1024)))).toEqual(failure('BACKUP_DAMAGED'));
    // Encrypted without the domain in the associated data: not a backup's ciphertext.
    const { nonce, ciphertext } = encryptAead({
      plaintext: padPlaintext(PAYLOAD, 1024),
      associatedData: header,
      key,
    });
    const undomained = withFreshChecksum(
      concatBytes([header, nonce, new Uint8Array(32), ciphertext]),
    );
    expect(openCheaply(undomained)).toEqual(failure('WRONG_PASSPHRASE'));
  });

  it('says WRONG_PASSPHRASE for a wrong passphrase, and opens with any NFKC spelling', () => {
    const file = sealCheaply(PAYLOAD, 'Gru\u0308\u00dfe');
    expect(openCheaply(file, 'Gr\u00fc\u00dfe')).toEqual({ ok: true, payload: PAYLOAD });
    for (const wrong of ['', 'Grüsse', 'gr\u00fc\u00dfe', 'Gr\u00fc\u00dfe ']) {
      expect(openCheaply(file, wrong)).toEqual(failure('WRONG_PASSPHRASE'));
    }
  });

  it('draws a fresh salt and nonce for every file', () => {
    const first = sealCheaply(PAYLOAD);
    const second = sealCheaply(PAYLOAD);
    const salt = BACKUP_FIELDS.salt;
    const nonce = BACKUP_FIELDS.nonce;
    expect(first.subarray(salt.offset, salt.offset + 16)).not.toEqual(
      second.subarray(salt.offset, salt.offset + 16),
    );
    expect(first.subarray(nonce.offset, nonce.offset + 24)).not.toEqual(
      second.subarray(nonce.offset, nonce.offset + 24),
    );
  });

  it('refuses to seal with an empty passphrase or parameters out of range', () => {
    expect(() => sealBackup({ payload: PAYLOAD, passphrase: '', params: CHEAP })).toThrow(
      RangeError,
    );
    expect(() =>
      sealBackup({ payload: PAYLOAD, passphrase: 'p', params: { opslimit: 1, memlimit: 8192 } }),
    ).toThrow(PassphraseParamsError);
  });
});

describe('openBackup on damaged and foreign files', () => {
  const file = sealCheaply(seededBytes('small', 10));

  it('rejects every single flipped byte, and names what it hit', () => {
    for (let index = 0; index < file.length; index += 1) {
      const damaged = file.slice();
      damaged[index]! ^= 0x01;
      const expected =
        index < 8 ? 'NOT_A_BACKUP' : index === 8 ? 'UNSUPPORTED_VERSION' : 'BACKUP_DAMAGED';
      expect(openCheaply(damaged), `byte ${index}`).toEqual(failure(expected));
    }
  });

  it('rejects a change whose checksum was recomputed (tampering, not damage)', () => {
    // Past the checksum, only the AEAD can tell: salt, nonce and ciphertext changes all fail it.
    const fields = [BACKUP_FIELDS.salt, BACKUP_FIELDS.nonce];
    const indices = [
      ...fields.flatMap((field) => Array.from({ length: field.bytes }, (_, i) => field.offset + i)),
      ...Array.from(
        { length: file.length - BACKUP_HEADER_BYTES },
        (_, i) => BACKUP_HEADER_BYTES + i,
      ),
    ];
    for (const index of indices) {
      const tampered = file.slice();
      tampered[index]! ^= 0x80;
      expect(openCheaply(withFreshChecksum(tampered)), `byte ${index}`).toEqual(
        failure('WRONG_PASSPHRASE'),
      );
    }
  });

  it('says BACKUP_DAMAGED at every truncation and for extra bytes', () => {
    expect(openCheaply(file.subarray(0, 0))).toEqual(failure('NOT_A_BACKUP'));
    for (let length = 1; length < file.length; length += 1) {
      expect(openCheaply(file.slice(0, length)), `length ${length}`).toEqual(
        failure('BACKUP_DAMAGED'),
      );
    }
    for (const extra of [1, 16, 1024]) {
      const extended = concatBytes([file, seededBytes('extra', extra)]);
      expect(openCheaply(extended)).toEqual(failure('BACKUP_DAMAGED'));
      // Even with a recomputed checksum, a length padding cannot produce is refused.
      if (extra !== 1024) {
        expect(openCheaply(withFreshChecksum(extended))).toEqual(failure('BACKUP_DAMAGED'));
      }
    }
  });

  it('says NOT_A_BACKUP for anything that does not start with the magic', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const variants: unknown[] = [
      undefined,
      null,
      'TRLSBAK1',
      file.buffer,
      Array.from(file),
      new Uint8Array(0),
      png,
      seededBytes('noise', 2000),
      utf8('{"identity":"…","pairs":[]}'),
      utf8('trlsbak1'),
      concatBytes([utf8('TRLSBAK2'), file.subarray(8)]),
      concatBytes([utf8('XTRLSBAK1'), file]),
    ];
    for (const variant of variants) {
      expect(openCheaply(variant)).toEqual(failure('NOT_A_BACKUP'));
    }
  });

  it('says UNSUPPORTED_VERSION for another version byte, whatever follows', () => {
    for (const version of [0, 2, 3, 0x7f, 0xff]) {
      const other = file.slice();
      other[8] = version;
      expect(openCheaply(other)).toEqual(failure('UNSUPPORTED_VERSION'));
      expect(openCheaply(withFreshChecksum(other))).toEqual(failure('UNSUPPORTED_VERSION'));
      expect(openCheaply(other.subarray(0, 9))).toEqual(failure('UNSUPPORTED_VERSION'));
    }
  });

  it('reads test parameters back only when the test constant is passed', () => {
    expect(openBackup({ file, passphrase: PASSPHRASE })).toEqual(failure('BACKUP_DAMAGED'));
  });

  it('refuses intact files whose parameters are below the floor or above the ceiling', () => {
    const withParams = (opslimit: number, memlimit: number) => {
      const edited = file.slice();
      const view = new DataView(edited.buffer);
      view.setUint32(BACKUP_FIELDS.opslimit.offset, opslimit);
      view.setUint32(BACKUP_FIELDS.memlimit.offset, memlimit);
      return openCheaply(withFreshChecksum(edited));
    };
    // Refused before any derivation runs: a crafted file can make opening neither cheap for a
    // later re-export nor ruinous for the device.
    for (const [opslimit, memlimit] of [
      [1, 64 * MIB],
      [2, 8192],
      [2, 19 * MIB - 1024],
      [11, 64 * MIB],
      [3, 257 * MIB],
      [3, 0xffff_ffff],
      [3, 64 * MIB + 1],
      [0, 0],
    ] as const) {
      expect(withParams(opslimit, memlimit), `${opslimit}/${memlimit}`).toEqual(
        failure('BACKUP_DAMAGED'),
      );
    }
  });

  it('binds the parameters: intact but edited to other accepted parameters does not open', () => {
    const floorFile = sealBackup({
      payload: PAYLOAD,
      passphrase: PASSPHRASE,
      params: PASSPHRASE_PARAMS_FLOOR,
    });
    expect(openBackup({ file: floorFile, passphrase: PASSPHRASE })).toEqual({
      ok: true,
      payload: PAYLOAD,
    });
    const edited = floorFile.slice();
    new DataView(edited.buffer).setUint32(BACKUP_FIELDS.opslimit.offset, 3);
    expect(openBackup({ file: withFreshChecksum(edited), passphrase: PASSPHRASE })).toEqual(
      failure('WRONG_PASSPHRASE'),
    );
  });
});
