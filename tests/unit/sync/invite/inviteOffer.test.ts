// The version-2 invite link: the layout against an independent vector, round trips, every
// single-character change and every truncation refused, a version-1 link told apart as
// INVITE_OLD_VERSION, the URL helpers and expiry.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  concatBytes,
  fromBase64Url,
  generatePersonIdentity,
  readyCrypto,
  toBase64Url,
} from '$lib/crypto';
import { BASE64URL_ALPHABET } from '$lib/crypto/toBase64Url';
import { parseDeviceLinkOffer } from '$lib/sync/deviceLink';
import {
  buildInviteOfferLink,
  checkInviteOfferUsable,
  computeInviteOfferChecksum,
  encodeInvite,
  encodeInviteOffer,
  encodeInviteOfferBytes,
  generateInviteOffer,
  INVITE_OFFER_BODY_CHARS,
  INVITE_OFFER_BYTES,
  INVITE_OFFER_FIELDS,
  INVITE_OFFER_PREFIX,
  InvalidInviteError,
  inviteErrorMessage,
  parseInvite,
  parseInviteOffer,
  readInviteOfferFromUrl,
  type InviteOffer,
  type InviteParseErrorCode,
} from '$lib/sync/invite';
import { FIXED_FRAGMENT, FIXED_INVITE } from './inviteFixture';
import { FIXED_OFFER, FIXED_OFFER_FRAGMENT, seededOffer } from './inviteOfferFixture';

beforeAll(readyCrypto);

const failure = (code: InviteParseErrorCode) => ({ ok: false, code });
const fragmentOf = (bytes: Uint8Array) => INVITE_OFFER_PREFIX + toBase64Url(bytes);
const withChecksum = (content: Uint8Array) =>
  concatBytes([content, computeInviteOfferChecksum(content)]);

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

  it('refuses every single-character change of the fragment', () => {
    for (let at = 0; at < FIXED_OFFER_FRAGMENT.length; at += 1) {
      for (const char of `${BASE64URL_ALPHABET}.t1l`) {
        if (char === FIXED_OFFER_FRAGMENT[at]) continue;
        const changed =
          FIXED_OFFER_FRAGMENT.slice(0, at) + char + FIXED_OFFER_FRAGMENT.slice(at + 1);
        expect(parseInviteOffer(changed).ok, changed).toBe(false);
      }
    }
    const changedBody = `${FIXED_OFFER_FRAGMENT.slice(0, 10)}A${FIXED_OFFER_FRAGMENT.slice(11)}`;
    expect(parseInviteOffer(changedBody)).toEqual(failure('INVITE_DAMAGED'));
  });

  it('tells a cut-off link from a foreign, old, newer or overlong one', () => {
    for (let length = 1; length < FIXED_OFFER_FRAGMENT.length; length += 1) {
      expect(parseInviteOffer(FIXED_OFFER_FRAGMENT.slice(0, length))).toEqual(
        failure('INVITE_TRUNCATED'),
      );
    }
    expect(parseInviteOffer('')).toEqual(failure('INVITE_EMPTY'));
    expect(parseInviteOffer(42)).toEqual(failure('INVITE_MALFORMED'));
    expect(parseInviteOffer(`${FIXED_OFFER_FRAGMENT}A`)).toEqual(failure('INVITE_MALFORMED'));
    expect(parseInviteOffer(`${FIXED_OFFER_FRAGMENT.slice(0, -1)}=`)).toEqual(
      failure('INVITE_MALFORMED'),
    );
    expect(parseInviteOffer(`i3.${FIXED_OFFER_FRAGMENT.slice(3)}`)).toEqual(
      failure('INVITE_UNSUPPORTED_VERSION'),
    );
    expect(parseInviteOffer(`l1.${FIXED_OFFER_FRAGMENT.slice(3)}`)).toEqual(
      failure('INVITE_NOT_TRELLIS'),
    );
    expect(parseInviteOffer('hello')).toEqual(failure('INVITE_NOT_TRELLIS'));
  });

  it('refuses a version-1 link with INVITE_OLD_VERSION and says to ask for a new one', () => {
    expect(parseInviteOffer(FIXED_FRAGMENT)).toEqual(failure('INVITE_OLD_VERSION'));
    expect(parseInviteOffer(encodeInvite({ ...FIXED_INVITE, epoch: 9 }))).toEqual(
      failure('INVITE_OLD_VERSION'),
    );
    expect(readInviteOfferFromUrl(`https://trellis.example/join#${FIXED_FRAGMENT}`)).toEqual(
      failure('INVITE_OLD_VERSION'),
    );
    expect(inviteErrorMessage('INVITE_OLD_VERSION')).toBe(
      'This invite was made by an older version of Trellis. Ask your partner for a new one.',
    );
    // And the other way round: the v1 parser does not take a v2 link for its own.
    expect(parseInvite(FIXED_OFFER_FRAGMENT)).toEqual(failure('INVITE_NOT_TRELLIS'));
    // A device-link screen recognises both invite versions as invites.
    expect(parseDeviceLinkOffer(FIXED_OFFER_FRAGMENT)).toEqual({
      ok: false,
      code: 'DEVICE_LINK_IS_INVITE',
    });
  });

  it('refuses a whole body of another layout, or an intact one with a bad role or version', () => {
    const bytes = encodeInviteOfferBytes(FIXED_OFFER);
    const content = bytes.subarray(0, INVITE_OFFER_FIELDS.checksum.offset);
    // A shorter body whose own checksum holds is another layout, not a cut-off one.
    expect(parseInviteOffer(fragmentOf(withChecksum(content.subarray(0, 83))))).toEqual(
      failure('INVITE_MALFORMED'),
    );
    for (const [field, value] of [
      ['inviterRole', 0],
      ['inviterRole', 3],
      ['inviterRole', 0xff],
      ['version', 1],
      ['version', 3],
    ] as const) {
      const changed = content.slice();
      changed[INVITE_OFFER_FIELDS[field].offset] = value;
      expect(parseInviteOffer(fragmentOf(withChecksum(changed))), `${field}=${value}`).toEqual(
        failure('INVITE_MALFORMED'),
      );
    }
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

describe('buildInviteOfferLink / readInviteOfferFromUrl / checkInviteOfferUsable', () => {
  it('puts the offer in the fragment of /join and reads it back', () => {
    const link = buildInviteOfferLink('https://trellis.example/', FIXED_OFFER);
    expect(link).toBe(`https://trellis.example/join#${FIXED_OFFER_FRAGMENT}`);
    expect(readInviteOfferFromUrl(link)).toEqual({ ok: true, offer: FIXED_OFFER });
    expect(readInviteOfferFromUrl('https://trellis.example/join#')).toEqual(
      failure('INVITE_TRUNCATED'),
    );
    expect(readInviteOfferFromUrl('https://trellis.example/')).toEqual(failure('INVITE_EMPTY'));
    expect(readInviteOfferFromUrl('not a url')).toEqual(failure('INVITE_NOT_TRELLIS'));
    for (const origin of ['https://trellis.example/app', 'ftp://trellis.example', '']) {
      expect(() => buildInviteOfferLink(origin, FIXED_OFFER), origin).toThrow(RangeError);
    }
  });

  it('refuses an offer from its expiry on, with a broken clock, or once revoked', () => {
    const { expiresAt, inviteId } = FIXED_OFFER;
    expect(checkInviteOfferUsable(FIXED_OFFER, { now: expiresAt - 1 })).toEqual({ ok: true });
    for (const now of [expiresAt, expiresAt + 1, Number.NaN]) {
      expect(checkInviteOfferUsable(FIXED_OFFER, { now })).toEqual({
        ok: false,
        code: 'INVITE_EXPIRED',
      });
    }
    expect(
      checkInviteOfferUsable(FIXED_OFFER, { now: 0, isRevoked: (id) => id === inviteId }),
    ).toEqual({ ok: false, code: 'INVITE_REVOKED' });
  });
});
