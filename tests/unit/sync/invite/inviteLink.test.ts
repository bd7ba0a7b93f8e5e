// Links, usability (expiry and revocation), the messages the join screen shows, and invite ids.
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, readyCrypto } from '$lib/crypto';
import {
  buildInviteLink,
  checkInviteUsable,
  generateInviteId,
  INVITE_ERROR_CODES,
  inviteErrorMessage,
  readInviteFromUrl,
  type InviteId,
} from '$lib/sync/invite';
import { FIXED_FRAGMENT, FIXED_INVITE } from './inviteFixture';

beforeAll(readyCrypto);

describe('buildInviteLink / readInviteFromUrl', () => {
  it('puts the invite in the fragment of /join and reads it back', () => {
    const link = buildInviteLink('https://trellis.example', FIXED_INVITE);
    expect(link).toBe(`https://trellis.example/join#${FIXED_FRAGMENT}`);
    expect(readInviteFromUrl(link)).toEqual({ ok: true, invite: FIXED_INVITE });
    expect(readInviteFromUrl(new URL(link))).toEqual({ ok: true, invite: FIXED_INVITE });
    // Only the fragment carries the invite: the part a browser sends to a server has no key.
    const url = new URL(link);
    expect(url.pathname + url.search).toBe('/join');
  });

  it('accepts a bare origin with a trailing slash or a port, and nothing else', () => {
    expect(buildInviteLink('https://trellis.example/', FIXED_INVITE)).toBe(
      `https://trellis.example/join#${FIXED_FRAGMENT}`,
    );
    expect(buildInviteLink('http://localhost:5173', FIXED_INVITE)).toBe(
      `http://localhost:5173/join#${FIXED_FRAGMENT}`,
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
      expect(() => buildInviteLink(origin, FIXED_INVITE), origin).toThrow(RangeError);
    }
  });

  it('tells a link cut off at the # from one that never held an invite', () => {
    const truncated = { ok: false, code: 'INVITE_TRUNCATED' };
    expect(readInviteFromUrl('https://trellis.example/join')).toEqual(truncated);
    expect(readInviteFromUrl('https://trellis.example/join#')).toEqual(truncated);
    expect(readInviteFromUrl('https://trellis.example/join/')).toEqual(truncated);
    expect(readInviteFromUrl('https://trellis.example/')).toEqual({
      ok: false,
      code: 'INVITE_EMPTY',
    });
    expect(readInviteFromUrl('not a link')).toEqual({ ok: false, code: 'INVITE_NOT_TRELLIS' });
    expect(readInviteFromUrl(FIXED_FRAGMENT)).toEqual({ ok: false, code: 'INVITE_NOT_TRELLIS' });
    const link = buildInviteLink('https://trellis.example', FIXED_INVITE);
    expect(readInviteFromUrl(link.slice(0, -20))).toEqual(truncated);
    expect(readInviteFromUrl(`${link.slice(0, -1)}*`)).toEqual({
      ok: false,
      code: 'INVITE_MALFORMED',
    });
  });
});

describe('checkInviteUsable', () => {
  const never = () => false;
  const expiresAt = FIXED_INVITE.expiresAt;

  it('accepts an invite before its expiry and refuses it from the expiry on', () => {
    expect(checkInviteUsable(FIXED_INVITE, { now: expiresAt - 1, isRevoked: never })).toEqual({
      ok: true,
    });
    expect(checkInviteUsable(FIXED_INVITE, { now: 0, isRevoked: never })).toEqual({ ok: true });
    for (const now of [expiresAt, expiresAt + 1, 2 ** 40, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(checkInviteUsable(FIXED_INVITE, { now, isRevoked: never })).toEqual({
        ok: false,
        code: 'INVITE_EXPIRED',
      });
    }
  });

  it('refuses a revoked (or already used) invite, expired or not', () => {
    const revoked = new Set<InviteId>([FIXED_INVITE.inviteId]);
    const isRevoked = (id: InviteId) => revoked.has(id);
    const refused = { ok: false, code: 'INVITE_REVOKED' };
    expect(checkInviteUsable(FIXED_INVITE, { now: expiresAt - 1, isRevoked })).toEqual(refused);
    expect(checkInviteUsable(FIXED_INVITE, { now: expiresAt + 1, isRevoked })).toEqual(refused);
    const other = { ...FIXED_INVITE, inviteId: generateInviteId() };
    expect(checkInviteUsable(other, { now: expiresAt - 1, isRevoked })).toEqual({ ok: true });
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
