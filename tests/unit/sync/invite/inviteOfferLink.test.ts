// The version-2 link around the offer (`/join#i2.…`), usability (expiry and revocation), the
// sentences the join screen shows, and invite ids.
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, readyCrypto } from '$lib/crypto';
import {
  buildInviteOfferLink,
  checkInviteOfferUsable,
  generateInviteId,
  INVITE_ERROR_CODES,
  inviteErrorMessage,
  readInviteOfferFromUrl,
  type InviteId,
  type InviteParseErrorCode,
} from '$lib/sync/invite';
import { FIXED_OFFER, FIXED_OFFER_FRAGMENT } from './inviteOfferFixture';

beforeAll(readyCrypto);

const failure = (code: InviteParseErrorCode) => ({ ok: false, code });

describe('buildInviteOfferLink / readInviteOfferFromUrl', () => {
  it('puts the offer in the fragment of /join and reads it back', () => {
    const link = buildInviteOfferLink('https://trellis.example', FIXED_OFFER);
    expect(link).toBe(`https://trellis.example/join#${FIXED_OFFER_FRAGMENT}`);
    expect(readInviteOfferFromUrl(link)).toEqual({ ok: true, offer: FIXED_OFFER });
    expect(readInviteOfferFromUrl(new URL(link))).toEqual({ ok: true, offer: FIXED_OFFER });
    // Only the fragment carries the offer: the part a browser sends to a server has no secret.
    const url = new URL(link);
    expect(url.pathname + url.search).toBe('/join');
  });

  it('accepts a bare origin with a trailing slash or a port, and nothing else', () => {
    expect(buildInviteOfferLink('https://trellis.example/', FIXED_OFFER)).toBe(
      `https://trellis.example/join#${FIXED_OFFER_FRAGMENT}`,
    );
    expect(buildInviteOfferLink('http://localhost:5173', FIXED_OFFER)).toBe(
      `http://localhost:5173/join#${FIXED_OFFER_FRAGMENT}`,
    );
    for (const origin of [
      'https://trellis.example/app',
      'https://trellis.example/?x=1',
      'https://trellis.example/#x',
      'ftp://trellis.example',
      'javascript:alert(1)',
      'trellis.example',
      '',
    ]) {
      expect(() => buildInviteOfferLink(origin, FIXED_OFFER), origin).toThrow(RangeError);
    }
  });

  it('tells a link cut off at the # from one that never held an invite', () => {
    for (const cut of ['/join', '/join#', '/join/']) {
      expect(readInviteOfferFromUrl(`https://trellis.example${cut}`), cut).toEqual(
        failure('INVITE_TRUNCATED'),
      );
    }
    expect(readInviteOfferFromUrl('https://trellis.example/')).toEqual(failure('INVITE_EMPTY'));
    expect(readInviteOfferFromUrl('not a link')).toEqual(failure('INVITE_NOT_TRELLIS'));
    // A bare fragment is no URL.
    expect(readInviteOfferFromUrl(FIXED_OFFER_FRAGMENT)).toEqual(failure('INVITE_NOT_TRELLIS'));
    const link = buildInviteOfferLink('https://trellis.example', FIXED_OFFER);
    expect(readInviteOfferFromUrl(link.slice(0, -20))).toEqual(failure('INVITE_TRUNCATED'));
    expect(readInviteOfferFromUrl(`${link.slice(0, -1)}*`)).toEqual(failure('INVITE_MALFORMED'));
  });
});

describe('checkInviteOfferUsable', () => {
  const { expiresAt, inviteId } = FIXED_OFFER;

  it('accepts an offer before its expiry and refuses it from the expiry on', () => {
    expect(checkInviteOfferUsable(FIXED_OFFER, { now: expiresAt - 1 })).toEqual({ ok: true });
    expect(checkInviteOfferUsable(FIXED_OFFER, { now: 0 })).toEqual({ ok: true });
    // A clock that is not a number fails closed.
    for (const now of [expiresAt, expiresAt + 1, 2 ** 40, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(checkInviteOfferUsable(FIXED_OFFER, { now })).toEqual({
        ok: false,
        code: 'INVITE_EXPIRED',
      });
    }
  });

  it('refuses a revoked (or already used) offer, expired or not', () => {
    const revoked = new Set<InviteId>([inviteId]);
    const isRevoked = (id: InviteId) => revoked.has(id);
    const refused = { ok: false, code: 'INVITE_REVOKED' };
    expect(checkInviteOfferUsable(FIXED_OFFER, { now: expiresAt - 1, isRevoked })).toEqual(refused);
    expect(checkInviteOfferUsable(FIXED_OFFER, { now: expiresAt + 1, isRevoked })).toEqual(refused);
    const other = { ...FIXED_OFFER, inviteId: generateInviteId() };
    expect(checkInviteOfferUsable(other, { now: expiresAt - 1, isRevoked })).toEqual({ ok: true });
  });
});

describe('inviteErrorMessage', () => {
  it('gives every code its own plain sentence that says what to do', () => {
    const messages = INVITE_ERROR_CODES.map((code) => inviteErrorMessage(code));
    expect(new Set(messages).size).toBe(INVITE_ERROR_CODES.length);
    for (const [index, message] of messages.entries()) {
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message).toMatch(/partner|Trellis/);
      expect(message).not.toContain(INVITE_ERROR_CODES[index]);
      expect(message).not.toMatch(/INVITE_|undefined|checksum|base64/i);
    }
    expect(inviteErrorMessage('INVITE_TRUNCATED')).toBe(
      'This invite link is incomplete — it may have been cut off when it was copied. Ask your partner to send it again.',
    );
  });
});

describe('generateInviteId', () => {
  it('is base64url of 16 random bytes', () => {
    const id = generateInviteId();
    expect(id).toHaveLength(22);
    expect(fromBase64Url(id)).toHaveLength(16);
    expect(generateInviteId()).not.toBe(id);
  });
});
