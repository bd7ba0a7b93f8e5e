// Every malformed variant of a version-2 invite fragment, each with its own code: empty, another
// prefix, another version, every truncation, every changed character, extra and foreign
// characters, wrong field lengths, unknown role or version bytes; and arbitrary input.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, fromBase64Url, readyCrypto, toBase64Url } from '$lib/crypto';
import { BASE64URL_ALPHABET } from '$lib/crypto/toBase64Url';
import {
  computeInviteOfferChecksum,
  encodeInviteOffer,
  encodeInviteOfferBytes,
  INVITE_OFFER_BODY_CHARS,
  INVITE_OFFER_BYTES,
  INVITE_OFFER_FIELDS,
  INVITE_OFFER_PREFIX,
  parseInviteOffer,
  type InviteParseErrorCode,
} from '$lib/sync/invite';
import { FIXED_CODE as DEVICE_LINK_CODE } from '../deviceLink/deviceLinkFixture';
import { fieldLengthVariants } from '../fieldLengthVariants';
import { FIXED_OFFER, FIXED_OFFER_FRAGMENT, seededOffer } from './inviteOfferFixture';

beforeAll(readyCrypto);

const failure = (code: InviteParseErrorCode) => ({ ok: false, code });
const fragmentOf = (bytes: Uint8Array) => INVITE_OFFER_PREFIX + toBase64Url(bytes);
/** `content` with a correct checksum appended: a "whole" offer of any layout. */
const withChecksum = (content: Uint8Array) =>
  concatBytes([content, computeInviteOfferChecksum(content)]);
/** `fragment` with the character at `at` replaced by `char`. */
const changedAt = (fragment: string, at: number, char: string) =>
  fragment.slice(0, at) + char + fragment.slice(at + 1);

const body = FIXED_OFFER_FRAGMENT.slice(INVITE_OFFER_PREFIX.length);
/** The fixed offer's bytes before its checksum (after `readyCrypto`). */
const contentOf = () =>
  encodeInviteOfferBytes(FIXED_OFFER).subarray(0, INVITE_OFFER_FIELDS.checksum.offset);

describe('parseInviteOffer on malformed fragments', () => {
  it('says INVITE_EMPTY for nothing, INVITE_MALFORMED for a non-string', () => {
    expect(parseInviteOffer('')).toEqual(failure('INVITE_EMPTY'));
    for (const value of [undefined, null, 42, {}, new Uint8Array(3)]) {
      expect(parseInviteOffer(value)).toEqual(failure('INVITE_MALFORMED'));
    }
  });

  it('says INVITE_NOT_TRELLIS for another prefix, a device link included', () => {
    for (const fragment of [
      `x2.${body}`,
      `I2.${body}`,
      `t2.${body}`,
      `l1.${body}`,
      DEVICE_LINK_CODE,
      `#${FIXED_OFFER_FRAGMENT}`,
      ` ${FIXED_OFFER_FRAGMENT}`,
      `i2${body}`,
      `i.${body}`,
      `i-2.${body}`,
      body,
      'access_token=abc&state=xyz',
      'section-2',
      'https://trellis.example/join#i2.abc',
    ]) {
      expect(parseInviteOffer(fragment), fragment).toEqual(failure('INVITE_NOT_TRELLIS'));
    }
  });

  it('says INVITE_UNSUPPORTED_VERSION for another version, whatever follows', () => {
    for (const fragment of [
      `i3.${body}`,
      `i1.${body}`,
      `i0.${body}`,
      `i20.${body}`,
      `i02.${body}`,
      'i99.',
      'i3.x',
    ]) {
      expect(parseInviteOffer(fragment), fragment).toEqual(failure('INVITE_UNSUPPORTED_VERSION'));
    }
  });

  it('says INVITE_TRUNCATED at every truncation length, for seeded offers too', () => {
    const fragments = [FIXED_OFFER_FRAGMENT];
    for (let counter = 0; counter < 20; counter += 1) {
      fragments.push(encodeInviteOffer(seededOffer(counter)));
    }
    for (const fragment of fragments) {
      for (let length = 1; length < fragment.length; length += 1) {
        expect(parseInviteOffer(fragment.slice(0, length))).toEqual(failure('INVITE_TRUNCATED'));
      }
    }
  });

  it('says INVITE_TRUNCATED when characters are missing from the middle', () => {
    for (let at = INVITE_OFFER_PREFIX.length; at < FIXED_OFFER_FRAGMENT.length; at += 5) {
      const shortened = FIXED_OFFER_FRAGMENT.slice(0, at) + FIXED_OFFER_FRAGMENT.slice(at + 1);
      expect(parseInviteOffer(shortened)).toEqual(failure('INVITE_TRUNCATED'));
    }
  });

  it('says INVITE_DAMAGED for every single-character change of the body', () => {
    for (let at = INVITE_OFFER_PREFIX.length; at < FIXED_OFFER_FRAGMENT.length; at += 1) {
      for (const char of BASE64URL_ALPHABET) {
        if (char === FIXED_OFFER_FRAGMENT[at]) continue;
        const changed = changedAt(FIXED_OFFER_FRAGMENT, at, char);
        expect(parseInviteOffer(changed), changed).toEqual(failure('INVITE_DAMAGED'));
      }
      // A dot is no base64url at all.
      expect(parseInviteOffer(changedAt(FIXED_OFFER_FRAGMENT, at, '.'))).toEqual(
        failure('INVITE_MALFORMED'),
      );
    }
  });

  it('names every single-character change of the prefix for what it becomes', () => {
    for (const char of `${BASE64URL_ALPHABET}.`) {
      // Another letter, or no letter: not ours (`t2.` is no version this code ever wrote).
      if (char !== 'i') {
        expect(parseInviteOffer(changedAt(FIXED_OFFER_FRAGMENT, 0, char))).toEqual(
          failure('INVITE_NOT_TRELLIS'),
        );
      }
      if (char !== '2') {
        expect(parseInviteOffer(changedAt(FIXED_OFFER_FRAGMENT, 1, char))).toEqual(
          failure(/[0-9]/.test(char) ? 'INVITE_UNSUPPORTED_VERSION' : 'INVITE_NOT_TRELLIS'),
        );
      }
      // Without its dot, `i2…` is no prefix at all (a digit in its place leaves no dot either).
      if (char !== '.') {
        expect(parseInviteOffer(changedAt(FIXED_OFFER_FRAGMENT, 2, char))).toEqual(
          failure('INVITE_NOT_TRELLIS'),
        );
      }
    }
  });

  it('says INVITE_MALFORMED for extra characters', () => {
    for (const extra of ['A', 'AA', 'AAA', 'AAAA', 'xyz', '=', '==', '.', ' ', '\n', ')', '&u=1']) {
      expect(parseInviteOffer(FIXED_OFFER_FRAGMENT + extra)).toEqual(failure('INVITE_MALFORMED'));
    }
  });

  it('says INVITE_MALFORMED for characters outside unpadded base64url', () => {
    const at = INVITE_OFFER_PREFIX.length + 40;
    for (const char of ['+', '/', '=', ' ', '%', '.', '#', '\u00e9', '\u0000', '\n', 'A\u0301']) {
      expect(parseInviteOffer(changedAt(FIXED_OFFER_FRAGMENT, at, char))).toEqual(
        failure('INVITE_MALFORMED'),
      );
    }
    // The standard alphabet's spelling of the same bytes is refused too.
    const standard = FIXED_OFFER_FRAGMENT.replace(/-/g, '+').replace(/_/g, '/');
    expect(standard).not.toBe(FIXED_OFFER_FRAGMENT);
    expect(parseInviteOffer(standard)).toEqual(failure('INVITE_MALFORMED'));
  });

  it('says INVITE_MALFORMED for a whole offer with any field one byte short or long', () => {
    const content = contentOf();
    for (const { label, bytes } of fieldLengthVariants(content, INVITE_OFFER_FIELDS)) {
      expect(parseInviteOffer(fragmentOf(withChecksum(bytes))), label).toEqual(
        failure('INVITE_MALFORMED'),
      );
    }
    // A checksum of the wrong length is a wrong length as well.
    expect(parseInviteOffer(fragmentOf(concatBytes([content, new Uint8Array(3)])))).toEqual(
      failure('INVITE_TRUNCATED'),
    );
    expect(parseInviteOffer(fragmentOf(concatBytes([content, new Uint8Array(5)])))).toEqual(
      failure('INVITE_MALFORMED'),
    );
  });

  it('says INVITE_MALFORMED for an intact offer with an unknown role or version byte', () => {
    const content = contentOf();
    for (const [field, value] of [
      ['inviterRole', 0],
      ['inviterRole', 3],
      ['inviterRole', 0x7f],
      ['inviterRole', 0xff],
      ['version', 0],
      ['version', 1],
      ['version', 3],
      ['version', 0xff],
    ] as const) {
      const changed = content.slice();
      changed[INVITE_OFFER_FIELDS[field].offset] = value;
      expect(parseInviteOffer(fragmentOf(withChecksum(changed))), `${field}=${value}`).toEqual(
        failure('INVITE_MALFORMED'),
      );
    }
  });

  it('keeps the sizes of the layout', () => {
    expect(INVITE_OFFER_BYTES).toBe(90);
    expect(INVITE_OFFER_BODY_CHARS).toBe(120);
    expect(FIXED_OFFER_FRAGMENT).toHaveLength(123);
    expect(fromBase64Url(body)).toHaveLength(INVITE_OFFER_BYTES);
  });
});

describe('parseInviteOffer on arbitrary input (seeded property tests)', () => {
  it('never throws on any string, and reads no random body as an offer', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
        expect(typeof parseInviteOffer(text).ok).toBe('boolean');
        expect(parseInviteOffer(`${INVITE_OFFER_PREFIX}${text}`).ok).toBe(false);
      }),
      { seed: 0x1417e, numRuns: 2000 },
    );
  });

  it('accepts a mutated fragment only if it is the one canonical spelling of its offer', () => {
    const mutation = fc.record({
      at: fc.nat({ max: 130 }),
      deleteCount: fc.nat({ max: 3 }),
      insert: fc.string({ maxLength: 3, unit: fc.constantFrom(...`${BASE64URL_ALPHABET}.=+/`) }),
    });
    fc.assert(
      fc.property(fc.nat({ max: 50 }), mutation, (counter, { at, deleteCount, insert }) => {
        const fragment = encodeInviteOffer(seededOffer(counter));
        const mutated =
          fragment.slice(0, at) +
          insert +
          fragment.slice(Math.min(fragment.length, at + deleteCount));
        const parsed = parseInviteOffer(mutated);
        if (parsed.ok) expect(encodeInviteOffer(parsed.offer)).toBe(mutated);
        if (mutated === fragment) expect(parsed.ok).toBe(true);
      }),
      { seed: 0x7e11, numRuns: 3000 },
    );
  });
});
