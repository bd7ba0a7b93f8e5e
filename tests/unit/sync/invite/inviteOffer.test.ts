// The version-2 invite link: the layout against an independent vector, round trips, a retired
// version-1 link refused as INVITE_OLD_VERSION, and offers that break their own type. Malformed
// fragments are in inviteOfferMalformed.test.ts, the URL and expiry in inviteOfferLink.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, generatePersonIdentity, readyCrypto, toBase64Url } from '$lib/crypto';
import { parseDeviceLinkOffer } from '$lib/sync/deviceLink';
import {
  encodeInviteOffer,
  encodeInviteOfferBytes,
  generateInviteOffer,
  INVITE_OFFER_BODY_CHARS,
  INVITE_OFFER_BYTES,
  INVITE_OFFER_FIELDS,
  INVITE_OFFER_PREFIX,
  InvalidInviteError,
  inviteErrorMessage,
  OLD_INVITE_PREFIX,
  parseInviteOffer,
  readInviteOfferFromUrl,
  type InviteOffer,
  type InviteParseErrorCode,
} from '$lib/sync/invite';
import {
  FIXED_OFFER,
  FIXED_OFFER_FRAGMENT,
  seededOffer,
  VERSION_1_FRAGMENT,
} from './inviteOfferFixture';

beforeAll(readyCrypto);

const failure = (code: InviteParseErrorCode) => ({ ok: false, code });

describe('encodeInviteOffer / parseInviteOffer', () => {
  it('writes the layout exactly as the protocol describes (independent vector)', () => {
    expect(encodeInviteOffer(FIXED_OFFER)).toBe(FIXED_OFFER_FRAGMENT);
    expect(FIXED_OFFER_FRAGMENT).toHaveLength(INVITE_OFFER_PREFIX.length + INVITE_OFFER_BODY_CHARS);
    expect(INVITE_OFFER_BYTES % 3).toBe(0);
    expect(parseInviteOffer(FIXED_OFFER_FRAGMENT)).toEqual({ ok: true, offer: FIXED_OFFER });
  });

  it('holds nothing but its documented fields: no workspace id, key or device', () => {
    const bytes = encodeInviteOfferBytes(FIXED_OFFER);
    const sizes = Object.values(INVITE_OFFER_FIELDS).map((field) => field.bytes);
    expect(sizes.reduce((total, size) => total + size, 0)).toBe(bytes.length);
    expect(Object.keys(INVITE_OFFER_FIELDS)).toEqual([
      'version',
      'secret',
      'inviterPersonId',
      'inviteId',
      'inviterRole',
      'expiresAt',
      'checksum',
    ]);
  });

  it('round-trips seeded offers, integer extremes and both roles included', () => {
    for (let counter = 0; counter < 200; counter += 1) {
      const offer = seededOffer(counter);
      const fragment = encodeInviteOffer(offer);
      expect(fragment).toMatch(/^i2\.[A-Za-z0-9_-]{120}$/);
      expect(parseInviteOffer(fragment)).toEqual({ ok: true, offer });
    }
  });

  it('refuses a version-1 link with INVITE_OLD_VERSION and says to ask for a new one', () => {
    expect(OLD_INVITE_PREFIX).toBe('t1.');
    // Whatever follows the prefix: a whole old link, a cut-off one, or garbage.
    for (const fragment of [
      VERSION_1_FRAGMENT,
      VERSION_1_FRAGMENT.slice(0, 40),
      `${VERSION_1_FRAGMENT}A`,
      't1.',
      't1.*',
      `t1.${FIXED_OFFER_FRAGMENT.slice(INVITE_OFFER_PREFIX.length)}`,
    ]) {
      expect(parseInviteOffer(fragment), fragment).toEqual(failure('INVITE_OLD_VERSION'));
    }
    expect(readInviteOfferFromUrl(`https://trellis.example/join#${VERSION_1_FRAGMENT}`)).toEqual(
      failure('INVITE_OLD_VERSION'),
    );
    expect(inviteErrorMessage('INVITE_OLD_VERSION')).toBe(
      'This invite was made by an older version of Trellis. Ask your partner for a new one.',
    );
    // Only `t1.` is the old link: its neighbours are nobody's.
    for (const fragment of ['T1.abc', 't2.abc', 't1abc', 't.abc']) {
      expect(parseInviteOffer(fragment), fragment).toEqual(failure('INVITE_NOT_TRELLIS'));
    }
    // A device-link screen recognises the invite as an invite, not as a broken device link.
    expect(parseDeviceLinkOffer(FIXED_OFFER_FRAGMENT)).toEqual({
      ok: false,
      code: 'DEVICE_LINK_IS_INVITE',
    });
  });

  it('returns copies: changing a parsed secret does not change another parse', () => {
    const first = parseInviteOffer(FIXED_OFFER_FRAGMENT);
    const second = parseInviteOffer(FIXED_OFFER_FRAGMENT);
    if (!first.ok || !second.ok) throw new Error('the fixed offer must parse');
    first.offer.secret[0] = 0xff;
    expect(second.offer.secret[0]).toBe(0x10);
  });

  it('refuses to encode an offer that breaks its own type', () => {
    const broken: Partial<Record<keyof InviteOffer, unknown>>[] = [
      { version: 1 },
      { secret: new Uint8Array(31) },
      { secret: 'secret' },
      { inviterPersonId: toBase64Url(new Uint8Array(31)) },
      { inviteId: toBase64Url(new Uint8Array(15)) },
      { inviterRole: 'admin' },
      { inviterRole: 'toString' },
      { expiresAt: -1 },
      { expiresAt: 2 ** 32 },
      { expiresAt: 1.5 },
    ];
    for (const change of broken) {
      expect(() => encodeInviteOffer({ ...FIXED_OFFER, ...change } as InviteOffer)).toThrow(
        InvalidInviteError,
      );
    }
  });
});

describe('generateInviteOffer', () => {
  it('makes a fresh secret and id each time, expiring after the lifetime', () => {
    const person = generatePersonIdentity();
    const input = { inviterPersonId: person.personId, inviterRole: 'mentee' as const, now: 1000 };
    const offer = generateInviteOffer(input);
    const other = generateInviteOffer({ ...input, lifetimeSeconds: 60 });
    expect(offer.expiresAt).toBe(1000 + 7 * 24 * 60 * 60);
    expect(other.expiresAt).toBe(1060);
    expect(toBase64Url(offer.secret)).not.toBe(toBase64Url(other.secret));
    expect(offer.inviteId).not.toBe(other.inviteId);
    expect(fromBase64Url(offer.inviteId)).toHaveLength(16);
    expect(parseInviteOffer(encodeInviteOffer(offer))).toEqual({ ok: true, offer });
    for (const lifetimeSeconds of [0, -1, 1.5]) {
      expect(() => generateInviteOffer({ ...input, lifetimeSeconds })).toThrow(InvalidInviteError);
    }
    expect(() => generateInviteOffer({ ...input, now: 2 ** 32 })).toThrow(InvalidInviteError);
  });
});
