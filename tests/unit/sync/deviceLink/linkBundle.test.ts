// The bundle of secrets a linked device receives: round trips, strict parsing, keys that must
// belong together, and sealing that only the addressed device can open.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateDeviceIdentity,
  generatePersonIdentity,
  readyCrypto,
  sealToDevice,
  toBase64Url,
  type PersonId,
  type SigningSecretKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import {
  encodeLinkBundle,
  InvalidDeviceLinkError,
  LINK_BUNDLE_VERSION,
  MAX_LINK_WORKSPACES,
  openLinkBundle,
  parseLinkBundle,
  sealLinkBundle,
  type LinkBundle,
} from '$lib/sync/deviceLink';
import { sampleBundle, seededBytes } from './deviceLinkFixture';

beforeAll(readyCrypto);

/** Re-encodes without the encoder's checks: flips `bytes[at]` of a valid bundle. */
const flipped = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice();
  copy[at]! ^= 1;
  return copy;
};

describe('encodeLinkBundle / parseLinkBundle', () => {
  it('round-trips bundles with and without notes, with 0, 1 and many workspaces', () => {
    for (const [count, notes] of [
      [0, false],
      [1, true],
      [3, true],
      [50, false],
    ] as const) {
      const bundle = sampleBundle(count, notes);
      expect(parseLinkBundle(encodeLinkBundle(bundle))).toEqual(bundle);
    }
    const mentor = { ...sampleBundle(1), profile: { ...sampleBundle(1).profile, role: 'mentor' } };
    expect(parseLinkBundle(encodeLinkBundle(mentor as LinkBundle))?.profile.role).toBe('mentor');
  });

  it('round-trips each workspace with its chain root, or without one', () => {
    const bundle = sampleBundle(4);
    const parsed = parseLinkBundle(encodeLinkBundle(bundle));
    expect(parsed?.workspaces.map((w) => w.chainRoot)).toEqual(
      bundle.workspaces.map((w) => w.chainRoot),
    );
    // The fixture alternates: roots on 0 and 2, none on 1 and 3, where the property is absent.
    expect(bundle.workspaces.map((w) => w.chainRoot !== undefined)).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(parsed?.workspaces.map((w) => Object.hasOwn(w, 'chainRoot'))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('writes the chain root as a flag and 32 raw bytes right after the key', () => {
    const [rooted] = sampleBundle(1).workspaces;
    const bundle = { ...sampleBundle(0), workspaces: [rooted!] };
    const bytes = encodeLinkBundle(bundle);
    const root = seededBytes('root', 0, 32);
    expect(bytes.slice(-33)).toEqual(Uint8Array.of(1, ...root));
    expect(bytes.slice(-65, -33)).toEqual(rooted!.key);
    const { chainRoot: _dropped, ...bare } = rooted!;
    const without = encodeLinkBundle({ ...bundle, workspaces: [bare] });
    expect(without.length).toBe(bytes.length - 32);
    expect(without.slice(-33)).toEqual(Uint8Array.of(...rooted!.key, 0));
  });

  it('refuses every truncation and extra bytes', () => {
    const bytes = encodeLinkBundle(sampleBundle(2));
    for (let length = 0; length < bytes.length; length += 1) {
      expect(parseLinkBundle(bytes.slice(0, length))).toBeUndefined();
    }
    expect(parseLinkBundle(new Uint8Array([...bytes, 0]))).toBeUndefined();
    expect(parseLinkBundle(flipped(bytes, 0))).toBeUndefined(); // version 0
  });

  it('refuses a bundle whose person secret key does not belong to its public key', () => {
    const bytes = encodeLinkBundle(sampleBundle(1));
    // public key at 1..33, secret key (seed | public) at 33..97
    for (const at of [1, 20, 33, 50, 64, 65, 96]) {
      expect(parseLinkBundle(flipped(bytes, at)), `byte ${at}`).toBeUndefined();
    }
    const other = generatePersonIdentity();
    const bundle = sampleBundle(1);
    const mixed = new Uint8Array([
      ...bytes.slice(0, 33),
      ...other.signing.secretKey,
      ...bytes.slice(97),
    ]);
    expect(parseLinkBundle(mixed)).toBeUndefined();
    // The encoder refuses the same mismatches.
    const mismatches: Partial<LinkBundle['person']>[] = [
      { signingSecretKey: other.signing.secretKey },
      { signingPublicKey: other.signing.publicKey },
      { personId: other.personId },
      {
        // the right public half after a seed from another key pair
        signingSecretKey: new Uint8Array([
          ...other.signing.secretKey.slice(0, 32),
          ...bundle.person.signingPublicKey,
        ]) as SigningSecretKey,
      },
      { signingSecretKey: bundle.person.signingSecretKey.slice(0, 63) as SigningSecretKey },
      { personId: 'not-a-person' as PersonId },
    ];
    for (const change of mismatches) {
      expect(() =>
        encodeLinkBundle({ ...bundle, person: { ...bundle.person, ...change } }),
      ).toThrow(InvalidDeviceLinkError);
    }
  });

  it('refuses bad profiles and workspaces when encoding', () => {
    const bundle = sampleBundle(2);
    const workspace = bundle.workspaces[0]!;
    const broken: LinkBundle[] = [
      { ...bundle, version: (LINK_BUNDLE_VERSION - 1) as typeof LINK_BUNDLE_VERSION },
      { ...bundle, profile: { ...bundle.profile, name: '' } },
      { ...bundle, profile: { ...bundle.profile, name: 'n'.repeat(401) } },
      { ...bundle, profile: { ...bundle.profile, role: 'admin' as 'mentor' } },
      { ...bundle, profile: { ...bundle.profile, timeZone: 'Europe/Berlin; DROP' } },
      { ...bundle, profile: { ...bundle.profile, notesWorkspaceId: 'short' as WorkspaceId } },
      { ...bundle, workspaces: [workspace, workspace] },
      { ...bundle, workspaces: [{ ...workspace, epoch: -1 }] },
      { ...bundle, workspaces: [{ ...workspace, epoch: 2 ** 32 }] },
      { ...bundle, workspaces: [{ ...workspace, key: new Uint8Array(31) as WorkspaceKey }] },
      ...[
        toBase64Url(seededBytes('root', 0, 31)),
        toBase64Url(seededBytes('root', 0, 33)),
        `${toBase64Url(seededBytes('root', 0, 32))}=`,
        Buffer.from(new Uint8Array(32).fill(0xfb)).toString('base64'), // '+' and '/'
        `${toBase64Url(new Uint8Array(32)).slice(0, -1)}B`, // non-zero trailing bits
        '',
        new Uint8Array(32) as unknown as string,
      ].map((chainRoot) => ({ ...bundle, workspaces: [{ ...workspace, chainRoot }] })),
      {
        ...bundle,
        workspaces: [{ ...workspace, workspaceId: toBase64Url(new Uint8Array(17)) as WorkspaceId }],
      },
      {
        ...bundle,
        workspaces: Array.from({ length: MAX_LINK_WORKSPACES + 1 }, (_, i) => ({
          ...workspace,
          workspaceId: toBase64Url(
            new Uint8Array(16).fill(i % 256).map((b, j) => (j === 0 ? i >> 8 : b)),
          ) as WorkspaceId,
        })),
      },
    ];
    for (const change of broken) {
      expect(() => encodeLinkBundle(change)).toThrow(InvalidDeviceLinkError);
    }
  });

  it('refuses bad profile bytes, flags and repeated workspaces when parsing', () => {
    const bundle = sampleBundle(1, false);
    const bytes = encodeLinkBundle(bundle);
    const nameAt = 97; // varString: length, then the name
    const nameLength = bytes[nameAt]!;
    const roleAt = nameAt + 1 + nameLength;
    expect(bytes[roleAt]).toBe(2);
    for (const role of [0, 3, 0xff]) {
      const copy = bytes.slice();
      copy[roleAt] = role;
      expect(parseLinkBundle(copy)).toBeUndefined();
    }
    const zoneLength = bytes[roleAt + 1]!;
    const flagAt = roleAt + 2 + zoneLength;
    expect(bytes[flagAt]).toBe(0);
    for (const flag of [2, 0xff]) {
      const copy = bytes.slice();
      copy[flagAt] = flag;
      expect(parseLinkBundle(copy)).toBeUndefined();
    }
    // The one workspace, twice (count byte 1 -> 2).
    const countAt = flagAt + 1;
    const entry = bytes.slice(countAt + 1);
    const twice = new Uint8Array([...bytes.slice(0, countAt), 2, ...entry, ...entry]);
    expect(parseLinkBundle(twice)).toBeUndefined();
    // A time zone with a character no IANA name has.
    const zoneAt = roleAt + 2;
    const badZone = bytes.slice();
    badZone[zoneAt] = 0x3b; // ';'
    expect(parseLinkBundle(badZone)).toBeUndefined();
    for (const value of [undefined, 'bytes', [1, 2]]) {
      expect(parseLinkBundle(value as unknown as Uint8Array)).toBeUndefined();
    }
  });
});

describe('the chain root field', () => {
  /** A valid one-workspace bundle and where its root flag sits (the 33rd byte from the end). */
  const rooted = () => {
    const bytes = encodeLinkBundle(sampleBundle(1, false));
    expect(parseLinkBundle(bytes)?.workspaces[0]?.chainRoot).toBeDefined();
    return { bytes, flagAt: bytes.length - 33 };
  };

  it('refuses a flag other than 0 or 1', () => {
    const { bytes, flagAt } = rooted();
    for (const flag of [2, 0x80, 0xff]) {
      const copy = bytes.slice();
      copy[flagAt] = flag;
      expect(parseLinkBundle(copy), `flag ${flag}`).toBeUndefined();
    }
  });

  it('refuses a root cut short, and one that is longer than 32 bytes', () => {
    const { bytes } = rooted();
    for (const cut of [1, 16, 32]) {
      expect(parseLinkBundle(bytes.slice(0, bytes.length - cut)), `cut ${cut}`).toBeUndefined();
    }
    expect(parseLinkBundle(new Uint8Array([...bytes, 0x42]))).toBeUndefined();
    // A flag of 1 on a workspace that was written without a root: 32 bytes are missing.
    const [, without] = sampleBundle(2, false).workspaces;
    const flagged = encodeLinkBundle({ ...sampleBundle(0, false), workspaces: [without!] });
    expect(flagged.at(-1)).toBe(0);
    flagged[flagged.length - 1] = 1;
    expect(parseLinkBundle(flagged)).toBeUndefined();
  });

  it('refuses a flag of 0 followed by the root it denies', () => {
    const { bytes, flagAt } = rooted();
    const copy = bytes.slice();
    copy[flagAt] = 0;
    expect(parseLinkBundle(copy)).toBeUndefined();
  });

  it('refuses a bundle of the previous version, as sealed for a device to open', () => {
    // Version 1 had no root field: a rootless version-2 bundle less its flag bytes, version 1.
    const [, without] = sampleBundle(2).workspaces;
    const current = encodeLinkBundle({ ...sampleBundle(0), workspaces: [without!] });
    const previous = current.slice(0, -1);
    previous[0] = LINK_BUNDLE_VERSION - 1;
    expect(parseLinkBundle(previous)).toBeUndefined();
    const recipient = generateDeviceIdentity();
    const sealed = sealToDevice({ message: previous, publicKey: recipient.box.publicKey });
    expect(openLinkBundle(sealed, recipient)).toBeUndefined();
    // The same bytes with this version's flag read, so it is the version that is refused.
    const relabelled = new Uint8Array([...previous, 0]);
    relabelled[0] = LINK_BUNDLE_VERSION;
    expect(parseLinkBundle(relabelled)).toBeDefined();
  });
});

describe('sealLinkBundle / openLinkBundle', () => {
  it('opens for the device it was sealed to, and for no other', () => {
    const bundle = sampleBundle(3);
    const recipient = generateDeviceIdentity();
    const other = generateDeviceIdentity();
    const sealed = sealLinkBundle(bundle, recipient.box.publicKey);
    expect(openLinkBundle(sealed, recipient)).toEqual(bundle);
    expect(openLinkBundle(sealed, other)).toBeUndefined();
    expect(openLinkBundle(flipped(sealed, 70), recipient)).toBeUndefined();
    expect(openLinkBundle(sealed.slice(0, 40), recipient)).toBeUndefined();
  });

  it('never shows the secret key or the name in the sealed bytes', () => {
    const bundle = sampleBundle(1);
    const sealed = Buffer.from(sealLinkBundle(bundle, generateDeviceIdentity().box.publicKey));
    expect(sealed.includes(Buffer.from(bundle.person.signingSecretKey.subarray(0, 32)))).toBe(
      false,
    );
    expect(sealed.includes(Buffer.from(bundle.profile.name))).toBe(false);
  });

  it('says undefined for a sealed message that is not a bundle', () => {
    const recipient = generateDeviceIdentity();
    const sealed = sealToDevice({
      message: new Uint8Array([1, 2, 3]),
      publicKey: recipient.box.publicKey,
    });
    expect(openLinkBundle(sealed, recipient)).toBeUndefined();
  });
});
