// The backup payload: round trips, the layout rebuilt by hand, every truncation, and hostile
// values (sizes, a person id that is not the key, mismatched key halves, counts, duplicates).
import { describe, expect, it } from 'vitest';
import { concatBytes, readyCrypto, toBase64Url } from '$lib/crypto';
import {
  BACKUP_MAX_WORKSPACES,
  BACKUP_PAYLOAD_VERSION,
  BackupPayloadError,
  encodeBackupPayload,
  parseBackupPayload,
  type BackupContents,
} from '$lib/sync/backup';
import { sampleContents, seededBytes, seededSigningPair } from './backupPayloadFixture';

await readyCrypto();

const utf8 = (text: string) => new TextEncoder().encode(text);
const u8 = (value: number) => Uint8Array.of(value);
const u16 = (value: number) => Uint8Array.of(value >>> 8, value & 0xff);
const u32 = (value: number) => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
};
const str16 = (text: string) => concatBytes([u16(utf8(text).length), utf8(text)]);

interface RawFields {
  version: number;
  createdAt: string;
  personId: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  name: string;
  role: number;
  timeZone: string;
  notes: Uint8Array | undefined;
  count: number;
  workspaces: Array<{
    id: Uint8Array;
    epoch: Uint8Array;
    key: Uint8Array;
    /** The chain-root field as written: flag 0, or flag 1 and 32 bytes (attacks write others). */
    root: Uint8Array;
    inner: Uint8Array;
  }>;
}

/** The chain-root field: `0`, or `1` and the root's bytes. */
const rootField = (root?: Uint8Array) => (root ? concatBytes([u8(1), root]) : u8(0));

/** The layout as docs/PROTOCOL.md states it, written without the encoder's checks. */
function rawPayload(fields: RawFields): Uint8Array {
  return concatBytes([
    u8(fields.version),
    str16(fields.createdAt),
    str16(fields.personId),
    fields.publicKey,
    fields.secretKey,
    str16(fields.name),
    u8(fields.role),
    str16(fields.timeZone),
    fields.notes ? concatBytes([u8(1), fields.notes]) : u8(0),
    u16(fields.count),
    ...fields.workspaces.flatMap((w) => [
      w.id,
      w.epoch,
      w.key,
      w.root,
      u32(w.inner.length),
      w.inner,
    ]),
  ]);
}

function validFields(): RawFields {
  const { publicKey, secretKey } = seededSigningPair('raw');
  const workspaces = [0, 1].map((index) => ({
    id: seededBytes(`raw/ws/${index}`, 16),
    epoch: u32(index + 7),
    key: seededBytes(`raw/key/${index}`, 32),
    root: rootField(index === 0 ? seededBytes(`raw/root/${index}`, 32) : undefined),
    inner: seededBytes(`raw/inner/${index}`, 40 + index),
  }));
  return {
    version: BACKUP_PAYLOAD_VERSION,
    createdAt: '2025-03-01T09:30:00Z',
    personId: toBase64Url(publicKey),
    publicKey,
    secretKey,
    name: 'Bo',
    role: 0,
    timeZone: 'Europe/Lisbon',
    notes: seededBytes('raw/notes', 16),
    count: workspaces.length,
    workspaces,
  };
}

const parseRaw = (change: (fields: RawFields) => void) => {
  const fields = validFields();
  change(fields);
  return parseBackupPayload(rawPayload(fields));
};

describe('encodeBackupPayload / parseBackupPayload', () => {
  it.each([0, 1, 5])('round-trips contents with %i workspaces', (count) => {
    const contents = sampleContents(count);
    expect(parseBackupPayload(encodeBackupPayload(contents))).toEqual(contents);
  });

  it('round-trips workspaces with and without a chain root', () => {
    const contents = sampleContents(3);
    expect(contents.workspaces.map((w) => w.chainRoot !== undefined)).toEqual([true, false, true]);
    const parsed = parseBackupPayload(encodeBackupPayload(contents));
    expect(parsed?.workspaces.map((w) => w.chainRoot)).toEqual(
      contents.workspaces.map((w) => w.chainRoot),
    );
    // Absent, not `undefined`: the store row then has no chainRoot at all.
    expect(parsed?.workspaces.map((w) => Object.hasOwn(w, 'chainRoot'))).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('round-trips a profile without notes and a name in any script', () => {
    const contents = sampleContents(1);
    contents.profile = { name: 'Zoë 王 🌱', role: 'mentor', timeZone: 'UTC' };
    expect(parseBackupPayload(encodeBackupPayload(contents))).toEqual(contents);
  });

  it('writes the layout the protocol describes', () => {
    const contents = sampleContents(2);
    const fields: RawFields = {
      version: 2,
      createdAt: contents.createdAt,
      personId: contents.person.personId,
      publicKey: contents.person.signingPublicKey,
      secretKey: contents.person.signingSecretKey,
      name: contents.profile.name,
      role: 1,
      timeZone: contents.profile.timeZone,
      notes: seededBytes('person/ws/0', 16),
      count: 2,
      workspaces: contents.workspaces.map((w, index) => ({
        id: seededBytes(`person/ws/${index}`, 16),
        epoch: u32(w.epoch),
        key: w.key,
        root: rootField(index % 2 === 0 ? seededBytes(`person/root/${index}`, 32) : undefined),
        inner: w.innerState,
      })),
    };
    expect(encodeBackupPayload(contents)).toEqual(rawPayload(fields));
    expect(parseBackupPayload(rawPayload(validFields()))).toBeDefined();
  });

  it('returns copies that outlive the payload bytes', () => {
    const payload = encodeBackupPayload(sampleContents(1));
    const parsed = parseBackupPayload(payload);
    const key = parsed?.workspaces[0]?.key.slice();
    payload.fill(0);
    expect(parsed?.workspaces[0]?.key).toEqual(key);
  });

  it('rejects every truncation and any extra byte', () => {
    const payload = encodeBackupPayload(sampleContents(2));
    for (let length = 0; length < payload.length; length += 1) {
      expect(parseBackupPayload(payload.subarray(0, length)), `length ${length}`).toBeUndefined();
    }
    expect(parseBackupPayload(concatBytes([payload, u8(0)]))).toBeUndefined();
  });

  it('rejects values that are not bytes', () => {
    expect(parseBackupPayload('payload' as unknown as Uint8Array)).toBeUndefined();
  });

  describe('rejects hostile values', () => {
    const cases: Array<[string, (fields: RawFields) => void]> = [
      ['the next version', (f) => (f.version = BACKUP_PAYLOAD_VERSION + 1)],
      [
        'the previous version, which had no chain-root field',
        (f) => {
          f.version = BACKUP_PAYLOAD_VERSION - 1;
          for (const w of f.workspaces) w.root = new Uint8Array();
        },
      ],
      ['a time that is not ISO UTC', (f) => (f.createdAt = '2025-03-01 09:30')],
      ['a local time', (f) => (f.createdAt = '2025-03-01T09:30:00+01:00')],
      ['an impossible date', (f) => (f.createdAt = '2025-02-30T09:30:00Z')],
      ['a person id of another key', (f) => (f.personId = toBase64Url(seededBytes('x', 32)))],
      ['a person id that does not parse', (f) => (f.personId = 'not-a-key')],
      ['an empty person id', (f) => (f.personId = '')],
      ['a short public key', (f) => (f.publicKey = f.publicKey.subarray(0, 31))],
      ['a short secret key', (f) => (f.secretKey = f.secretKey.subarray(0, 63))],
      [
        'a secret key whose public half is another key',
        (f) => {
          const other = seededSigningPair('other');
          f.secretKey = concatBytes([f.secretKey.subarray(0, 32), other.publicKey]);
        },
      ],
      [
        'a secret key whose seed is another key’s',
        (f) => {
          const other = seededSigningPair('other');
          f.secretKey = concatBytes([other.secretKey.subarray(0, 32), f.publicKey]);
        },
      ],
      [
        'the key pair of another person under this person id',
        (f) => {
          const other = seededSigningPair('other');
          f.publicKey = other.publicKey;
          f.secretKey = other.secretKey;
        },
      ],
      ['an empty name', (f) => (f.name = '  ')],
      ['a name too long', (f) => (f.name = 'a'.repeat(201))],
      ['an unknown role', (f) => (f.role = 2)],
      ['an empty time zone', (f) => (f.timeZone = '')],
      ['a time zone too long', (f) => (f.timeZone = 'Z'.repeat(65))],
      ['a notes id of 15 bytes', (f) => (f.notes = seededBytes('n', 15))],
      ['a count larger than the workspaces', (f) => (f.count = 3)],
      ['a count smaller than the workspaces', (f) => (f.count = 1)],
      ['too many workspaces', (f) => (f.count = BACKUP_MAX_WORKSPACES + 1)],
      ['the largest count', (f) => (f.count = 0xffff)],
      [
        'a duplicate workspace',
        (f) => {
          const [first] = f.workspaces;
          if (first) f.workspaces = [first, first];
        },
      ],
      ...[2, 0x80, 0xff].map((flag): [string, (fields: RawFields) => void] => [
        `a chain-root flag of ${flag}`,
        (f) => f.workspaces[0] && (f.workspaces[0].root[0] = flag),
      ]),
      [
        'a chain root of 31 bytes',
        (f) => f.workspaces[0] && (f.workspaces[0].root = rootField(seededBytes('r', 31))),
      ],
      [
        'a chain root of 33 bytes',
        (f) => f.workspaces[0] && (f.workspaces[0].root = rootField(seededBytes('r', 33))),
      ],
      [
        'a flag of 0 followed by 32 bytes',
        (f) =>
          f.workspaces[0] && (f.workspaces[0].root = concatBytes([u8(0), seededBytes('r', 32)])),
      ],
      [
        'a flag of 1 with no root after it',
        (f) => f.workspaces[1] && (f.workspaces[1].root = u8(1)),
      ],
      [
        'a short workspace key',
        (f) => {
          const [first] = f.workspaces;
          if (first) first.key = first.key.subarray(0, 31);
        },
      ],
    ];
    it.each(cases)('%s', (_label, change) => {
      expect(parseRaw(change)).toBeUndefined();
    });

    it('a huge inner-state length', () => {
      const fields = validFields();
      const bytes = rawPayload(fields);
      // The last workspace's length field sits before its state, at the end.
      const lengthAt = bytes.length - (fields.workspaces[1]?.inner.length ?? 0) - 4;
      new DataView(bytes.buffer).setUint32(lengthAt, 0xffff_ffff);
      expect(parseBackupPayload(bytes)).toBeUndefined();
    });

    it('accepts the largest epoch', () => {
      expect(
        parseRaw((f) => f.workspaces.forEach((w) => (w.epoch = u32(0xffff_ffff)))),
      ).toBeDefined();
    });
  });

  describe('refuses to encode what would not read back', () => {
    const cases: Array<[string, (contents: BackupContents) => void]> = [
      ['a negative epoch', (c) => c.workspaces[0] && (c.workspaces[0].epoch = -1)],
      ['an epoch past uint32', (c) => c.workspaces[0] && (c.workspaces[0].epoch = 2 ** 32)],
      ['a fractional epoch', (c) => c.workspaces[0] && (c.workspaces[0].epoch = 1.5)],
      ['a mismatched person id', (c) => (c.person.personId = toBase64Url(seededBytes('y', 32)))],
      [
        'mismatched key halves',
        (c) => (c.person.signingSecretKey = seededSigningPair('other').secretKey),
      ],
      [
        'a bad workspace id',
        (c) => c.workspaces[0] && (c.workspaces[0].workspaceId = 'abc' as never),
      ],
      ['a bad notes id', (c) => (c.profile.notesWorkspaceId = 'abc')],
      ...[
        ['a chain root of 31 bytes', toBase64Url(seededBytes('root', 31))],
        ['a chain root of 33 bytes', toBase64Url(seededBytes('root', 33))],
        ['a padded chain root', `${toBase64Url(seededBytes('root', 32))}=`],
        [
          'a chain root in standard base64',
          Buffer.from(new Uint8Array(32).fill(0xfb)).toString('base64'),
        ],
        ['a chain root with non-zero trailing bits', `${'A'.repeat(42)}B`],
        ['an empty chain root', ''],
        ['a chain root given as bytes', new Uint8Array(32) as unknown as string],
      ].map(([label, chainRoot]): [string, (contents: BackupContents) => void] => [
        label as string,
        (c) => c.workspaces[0] && (c.workspaces[0].chainRoot = chainRoot as string),
      ]),
      [
        'a short key',
        (c) => c.workspaces[0] && (c.workspaces[0].key = new Uint8Array(16) as never),
      ],
      ['an unknown role', (c) => (c.profile.role = 'coach' as never)],
      ['a non-UTC time', (c) => (c.createdAt = 'yesterday')],
      [
        'too many workspaces',
        (c) => {
          const [first] = c.workspaces;
          if (first) c.workspaces = Array.from({ length: BACKUP_MAX_WORKSPACES + 1 }, () => first);
        },
      ],
    ];
    it.each(cases)('%s', (_label, change) => {
      const contents = sampleContents(1);
      change(contents);
      expect(() => encodeBackupPayload(contents)).toThrow(BackupPayloadError);
    });
  });
});
