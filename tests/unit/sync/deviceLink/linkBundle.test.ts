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
  MAX_LINK_WORKSPACES,
  openLinkBundle,
  parseLinkBundle,
  sealLinkBundle,
  type LinkBundle,
} from '$lib/sync/deviceLink';
import { sampleBundle } from './deviceLinkFixture';

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
      { ...bundle, version: 2 as 1 },
      { ...bundle, profile: { ...bundle.profile, name: '' } },
      { ...bundle, profile: { ...bundle.profile, name: 'n'.repeat(401) } },
      { ...bundle, profile: { ...bundle.profile, role: 'admin' as 'mentor' } },
      { ...bundle, profile: { ...bundle.profile, timeZone: 'Europe/Berlin; DROP' } },
      { ...bundle, profile: { ...bundle.profile, notesWorkspaceId: 'short' as WorkspaceId } },
      { ...bundle, workspaces: [workspace, workspace] },
      { ...bundle, workspaces: [{ ...workspace, epoch: -1 }] },
      { ...bundle, workspaces: [{ ...workspace, epoch: 2 ** 32 }] },
      { ...bundle, workspaces: [{ ...workspace, key: new Uint8Array(31) as WorkspaceKey }] },
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
