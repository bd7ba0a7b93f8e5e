// The invite codec: the layout against an independent vector, round trips, and every malformed
// variant the issue names — empty, other prefix, other version, every truncation, every changed
// character, extra and foreign characters, wrong field lengths — each with its own code.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, fromBase64Url, readyCrypto, toBase64Url } from '$lib/crypto';
import { BASE64URL_ALPHABET as BASE64URL_CHARS } from '$lib/crypto/toBase64Url';
import {
  computeInviteChecksum,
  encodeInvite,
  encodeInviteBytes,
  INVITE_BODY_CHARS,
  INVITE_BYTES,
  INVITE_FIELDS,
  INVITE_PREFIX,
  InvalidInviteError,
  parseInvite,
  type Invite,
  type InviteParseErrorCode,
} from '$lib/sync/invite';
import { FIXED_FRAGMENT, FIXED_INVITE, seededInvite } from './inviteFixture';

beforeAll(readyCrypto);

const failure = (code: InviteParseErrorCode) => ({ ok: false, code });
/** A fragment from raw invite bytes (whatever their length), with the prefix. */
const fragmentOf = (bytes: Uint8Array) => INVITE_PREFIX + toBase64Url(bytes);
/** Content bytes with a correct checksum appended: a "whole" invite of any layout. */
const withChecksum = (content: Uint8Array) =>
  concatBytes([content, computeInviteChecksum(content)]);

describe('encodeInvite / parseInvite', () => {
  it('writes the layout exactly as the protocol describes (independent vector)', () => {
    expect(encodeInvite(FIXED_INVITE)).toBe(FIXED_FRAGMENT);
    expect(FIXED_FRAGMENT).toHaveLength(INVITE_PREFIX.length + INVITE_BODY_CHARS);
    expect(FIXED_FRAGMENT).toHaveLength(191);
    expect(parseInvite(FIXED_FRAGMENT)).toEqual({ ok: true, invite: FIXED_INVITE });
  });

  it('round-trips seeded invites, integer extremes and both roles included', () => {
    for (let counter = 0; counter < 300; counter += 1) {
      const invite = seededInvite(counter);
      const fragment = encodeInvite(invite);
      expect(fragment).toMatch(/^t1\.[A-Za-z0-9_-]{188}$/);
      expect(parseInvite(fragment)).toEqual({ ok: true, invite });
    }
  });

  it('returns copies: changing a parsed key does not change another parse', () => {
    const first = parseInvite(FIXED_FRAGMENT);
    const second = parseInvite(FIXED_FRAGMENT);
    if (!first.ok || !second.ok) throw new Error('the fixed invite must parse');
    first.invite.workspaceKey[0] = 0xff;
    expect(second.invite.workspaceKey[0]).toBe(0x20);
  });

  it('refuses to encode an invite that breaks its own type', () => {
    const broken: Partial<Record<keyof Invite, unknown>>[] = [
      { version: 2 },
      { workspaceId: 'short' },
      { workspaceId: toBase64Url(new Uint8Array(17)) },
      { epoch: -1 },
      { epoch: 2 ** 32 },
      { epoch: 1.5 },
      { workspaceKey: new Uint8Array(31) },
      { workspaceKey: new Uint8Array(33) },
      { inviterDeviceId: toBase64Url(new Uint8Array(31)) },
      { inviterBoxPublicKey: new Uint8Array(31) },
      { inviterBoxPublicKey: 'key' },
      { inviteId: toBase64Url(new Uint8Array(15)) },
      { inviteId: toBase64Url(new Uint8Array(32)) },
      { inviterRole: 'admin' },
      { inviterRole: 'toString' },
      { expiresAt: -1 },
      { expiresAt: 2 ** 32 },
      { expiresAt: Number.NaN },
    ];
    for (const change of broken) {
      expect(() => encodeInvite({ ...FIXED_INVITE, ...change } as Invite)).toThrow(
        InvalidInviteError,
      );
    }
  });
});

describe('parseInvite on malformed fragments', () => {
  const body = FIXED_FRAGMENT.slice(INVITE_PREFIX.length);

  it('says INVITE_EMPTY for nothing, INVITE_MALFORMED for a non-string', () => {
    expect(parseInvite('')).toEqual(failure('INVITE_EMPTY'));
    for (const value of [undefined, null, 42, {}, new Uint8Array(3)]) {
      expect(parseInvite(value)).toEqual(failure('INVITE_MALFORMED'));
    }
  });

  it('says INVITE_NOT_TRELLIS for another prefix', () => {
    for (const fragment of [
      `x1.${body}`,
      `T1.${body}`,
      `#${FIXED_FRAGMENT}`,
      ` ${FIXED_FRAGMENT}`,
      `t1${body}`,
      `t.${body}`,
      `t-1.${body}`,
      body,
      'access_token=abc&state=xyz',
      'section-2',
      'https://trellis.example/join#t1.abc',
    ]) {
      expect(parseInvite(fragment)).toEqual(failure('INVITE_NOT_TRELLIS'));
    }
  });

  it('says INVITE_UNSUPPORTED_VERSION for another version, whatever follows', () => {
    for (const fragment of [
      `t2.${body}`,
      `t0.${body}`,
      `t10.${body}`,
      `t01.${body}`,
      't99.',
      't3.x',
    ]) {
      expect(parseInvite(fragment)).toEqual(failure('INVITE_UNSUPPORTED_VERSION'));
    }
  });

  it('says INVITE_TRUNCATED at every truncation length', () => {
    expect(parseInvite(FIXED_FRAGMENT.slice(0, 0))).toEqual(failure('INVITE_EMPTY'));
    for (let length = 1; length < FIXED_FRAGMENT.length; length += 1) {
      expect(parseInvite(FIXED_FRAGMENT.slice(0, length))).toEqual(failure('INVITE_TRUNCATED'));
    }
    // The same for seeded invites, whose truncations end on other characters.
    for (let counter = 0; counter < 20; counter += 1) {
      const fragment = encodeInvite(seededInvite(counter));
      for (let length = 1; length < fragment.length; length += 1) {
        expect(parseInvite(fragment.slice(0, length)).ok).toBe(false);
        expect(parseInvite(fragment.slice(0, length))).toEqual(failure('INVITE_TRUNCATED'));
      }
    }
  });

  it('says INVITE_TRUNCATED when characters are missing from the middle', () => {
    for (let at = INVITE_PREFIX.length; at < FIXED_FRAGMENT.length; at += 7) {
      const shortened = FIXED_FRAGMENT.slice(0, at) + FIXED_FRAGMENT.slice(at + 1);
      expect(parseInvite(shortened)).toEqual(failure('INVITE_TRUNCATED'));
    }
  });

  it('says INVITE_DAMAGED for every single-character change of the body', () => {
    for (let at = INVITE_PREFIX.length; at < FIXED_FRAGMENT.length; at += 1) {
      for (const char of BASE64URL_CHARS) {
        if (char === FIXED_FRAGMENT[at]) continue;
        const changed = FIXED_FRAGMENT.slice(0, at) + char + FIXED_FRAGMENT.slice(at + 1);
        expect(parseInvite(changed)).toEqual(failure('INVITE_DAMAGED'));
      }
    }
  });

  it('names every single-character change of the prefix for what it becomes', () => {
    const rest = FIXED_FRAGMENT.slice(INVITE_PREFIX.length);
    for (const char of `${BASE64URL_CHARS}.`) {
      if (char !== 't')
        expect(parseInvite(`${char}1.${rest}`)).toEqual(failure('INVITE_NOT_TRELLIS'));
      if (char !== '1') {
        expect(parseInvite(`t${char}.${rest}`)).toEqual(
          failure(/[0-9]/.test(char) ? 'INVITE_UNSUPPORTED_VERSION' : 'INVITE_NOT_TRELLIS'),
        );
      }
      // Without its dot, `t1…` is no prefix at all (a digit in its place leaves no dot either).
      if (char !== '.')
        expect(parseInvite(`t1${char}${rest}`)).toEqual(failure('INVITE_NOT_TRELLIS'));
    }
  });

  it('says INVITE_MALFORMED for extra characters', () => {
    for (const extra of [
      'A',
      'AA',
      'AAA',
      'AAAA',
      'xyz',
      '=',
      '==',
      '.',
      ' ',
      '\n',
      ')',
      '&utm=1',
    ]) {
      expect(parseInvite(FIXED_FRAGMENT + extra)).toEqual(failure('INVITE_MALFORMED'));
    }
  });

  it('says INVITE_MALFORMED for characters outside unpadded base64url', () => {
    const at = INVITE_PREFIX.length + 40;
    for (const char of ['+', '/', '=', ' ', '%', '.', '#', '\u00e9', '\u0000', '\n', 'A\u0301']) {
      const changed = FIXED_FRAGMENT.slice(0, at) + char + FIXED_FRAGMENT.slice(at + 1);
      expect(parseInvite(changed)).toEqual(failure('INVITE_MALFORMED'));
    }
    // The standard alphabet's spelling of the same bytes is refused too.
    const standard = FIXED_FRAGMENT.replace(/-/g, '+').replace(/_/g, '/');
    expect(standard).not.toBe(FIXED_FRAGMENT);
    expect(parseInvite(standard)).toEqual(failure('INVITE_MALFORMED'));
  });

  it('says INVITE_MALFORMED for a whole invite with any field one byte short or long', () => {
    const content = encodeInviteBytes(FIXED_INVITE).subarray(0, INVITE_FIELDS.checksum.offset);
    for (const [name, field] of Object.entries(INVITE_FIELDS)) {
      if (name === 'checksum') continue;
      const end = field.offset + field.bytes;
      const shorter = concatBytes([content.subarray(0, end - 1), content.subarray(end)]);
      const longer = concatBytes([
        content.subarray(0, end),
        new Uint8Array([0x5a]),
        content.subarray(end),
      ]);
      expect(parseInvite(fragmentOf(withChecksum(shorter))), `${name} short`).toEqual(
        failure('INVITE_MALFORMED'),
      );
      expect(parseInvite(fragmentOf(withChecksum(longer))), `${name} long`).toEqual(
        failure('INVITE_MALFORMED'),
      );
    }
    // A checksum of the wrong length is a wrong length as well.
    expect(parseInvite(fragmentOf(concatBytes([content, new Uint8Array(3)])))).toEqual(
      failure('INVITE_TRUNCATED'),
    );
    expect(parseInvite(fragmentOf(concatBytes([content, new Uint8Array(5)])))).toEqual(
      failure('INVITE_MALFORMED'),
    );
  });

  it('says INVITE_MALFORMED for an intact invite with an unknown role byte', () => {
    const bytes = encodeInviteBytes(FIXED_INVITE);
    for (const role of [0, 3, 0x7f, 0xff]) {
      const content = bytes.slice(0, INVITE_FIELDS.checksum.offset);
      content[INVITE_FIELDS.inviterRole.offset] = role;
      expect(parseInvite(fragmentOf(withChecksum(content)))).toEqual(failure('INVITE_MALFORMED'));
    }
  });

  it('keeps the sizes of the layout', () => {
    expect(INVITE_BYTES).toBe(141);
    expect(INVITE_BODY_CHARS).toBe(188);
    expect(fromBase64Url(body)).toHaveLength(INVITE_BYTES);
  });
});

describe('parseInvite on arbitrary input (seeded property tests)', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
        const parsed = parseInvite(text);
        expect(typeof parsed.ok).toBe('boolean');
        expect(parseInvite(`t1.${text}`).ok).toBe(false);
      }),
      { seed: 0x1417e, numRuns: 2000 },
    );
  });

  it('accepts a mutated fragment only if it is the one canonical spelling of its invite', () => {
    const mutation = fc.record({
      at: fc.nat({ max: 200 }),
      deleteCount: fc.nat({ max: 3 }),
      insert: fc.string({ maxLength: 3, unit: fc.constantFrom(...`${BASE64URL_CHARS}.=+/`) }),
    });
    fc.assert(
      fc.property(fc.nat({ max: 50 }), mutation, (counter, { at, deleteCount, insert }) => {
        const fragment = encodeInvite(seededInvite(counter));
        const mutated =
          fragment.slice(0, at) +
          insert +
          fragment.slice(Math.min(fragment.length, at + deleteCount));
        const parsed = parseInvite(mutated);
        if (parsed.ok) expect(encodeInvite(parsed.invite)).toBe(mutated);
        if (mutated === fragment) expect(parsed.ok).toBe(true);
      }),
      { seed: 0x7e11, numRuns: 3000 },
    );
  });
});
