// The device-link offer codec: the layout against an independent vector, round trips, and every
// malformed variant — empty, invite, other prefix, other version, every truncation, every
// changed character, extra and foreign characters, wrong field lengths, expiry — each with its
// own code; and the link, the tolerated whitespace and `#`, and the messages for people.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, fromBase64Url, readyCrypto, toBase64Url, type DeviceId } from '$lib/crypto';
import { BASE64URL_ALPHABET as BASE64URL_CHARS } from '$lib/crypto/toBase64Url';
import {
  buildDeviceLinkUrl,
  checkDeviceLinkUsable,
  computeDeviceLinkChecksum,
  DEVICE_LINK_BODY_CHARS,
  DEVICE_LINK_BYTES,
  DEVICE_LINK_ERROR_CODES,
  DEVICE_LINK_FIELDS,
  DEVICE_LINK_PREFIX,
  deviceLinkErrorMessage,
  encodeDeviceLinkOffer,
  encodeDeviceLinkOfferBytes,
  generateDeviceLinkOffer,
  InvalidDeviceLinkError,
  parseDeviceLinkOffer,
  readDeviceLinkFromUrl,
  type DeviceLinkErrorCode,
  type DeviceLinkOffer,
} from '$lib/sync/deviceLink';
import {
  FIXED_OFFER_FRAGMENT as INVITE_FRAGMENT,
  VERSION_1_FRAGMENT,
} from '../invite/inviteOfferFixture';
import { fieldLengthVariants } from '../fieldLengthVariants';
import { FIXED_CODE, FIXED_OFFER, seededOffer } from './deviceLinkFixture';

beforeAll(readyCrypto);

const failure = (code: DeviceLinkErrorCode) => ({ ok: false, code });
const codeOf = (bytes: Uint8Array) => DEVICE_LINK_PREFIX + toBase64Url(bytes);
const withChecksum = (content: Uint8Array) =>
  concatBytes([content, computeDeviceLinkChecksum(content)]);
const body = FIXED_CODE.slice(DEVICE_LINK_PREFIX.length);

describe('encodeDeviceLinkOffer / parseDeviceLinkOffer', () => {
  it('writes the layout exactly as described (independent vector)', () => {
    expect(encodeDeviceLinkOffer(FIXED_OFFER)).toBe(FIXED_CODE);
    expect(FIXED_CODE).toHaveLength(99);
    expect(DEVICE_LINK_BYTES).toBe(72);
    expect(DEVICE_LINK_BODY_CHARS).toBe(96);
    expect(fromBase64Url(body)).toHaveLength(DEVICE_LINK_BYTES);
    expect(parseDeviceLinkOffer(FIXED_CODE)).toEqual({ ok: true, offer: FIXED_OFFER });
  });

  it('round-trips seeded offers, integer extremes included', () => {
    for (let counter = 0; counter < 200; counter += 1) {
      const offer = seededOffer(counter);
      const code = encodeDeviceLinkOffer(offer);
      expect(code).toMatch(/^l1\.[A-Za-z0-9_-]{96}$/);
      expect(parseDeviceLinkOffer(code)).toEqual({ ok: true, offer });
    }
  });

  it('round-trips a generated offer, with a fresh secret each time', () => {
    const offeringDeviceId = toBase64Url(new Uint8Array(32).fill(7)) as DeviceId;
    const first = generateDeviceLinkOffer({ offeringDeviceId, now: 1_700_000_000 });
    const second = generateDeviceLinkOffer({ offeringDeviceId, now: 1_700_000_000 });
    expect(first.expiresAt).toBe(1_700_000_600);
    expect(first.secret).toHaveLength(32);
    expect(first.secret).not.toEqual(second.secret);
    expect(parseDeviceLinkOffer(encodeDeviceLinkOffer(first))).toEqual({ ok: true, offer: first });
    const short = generateDeviceLinkOffer({ offeringDeviceId, now: 10, lifetimeSeconds: 30 });
    expect(short.expiresAt).toBe(40);
    for (const lifetimeSeconds of [0, -1, 1.5, Number.NaN]) {
      expect(() => generateDeviceLinkOffer({ offeringDeviceId, now: 10, lifetimeSeconds })).toThrow(
        InvalidDeviceLinkError,
      );
    }
    expect(() => generateDeviceLinkOffer({ offeringDeviceId, now: 0xffff_ffff })).toThrow(
      InvalidDeviceLinkError,
    );
  });

  it('refuses to encode an offer that breaks its own type', () => {
    const broken: Partial<Record<keyof DeviceLinkOffer, unknown>>[] = [
      { version: 2 },
      { secret: new Uint8Array(31) },
      { secret: new Uint8Array(33) },
      { secret: 'secret' },
      { offeringDeviceId: 'short' },
      { offeringDeviceId: toBase64Url(new Uint8Array(33)) },
      { expiresAt: -1 },
      { expiresAt: 2 ** 32 },
      { expiresAt: 1.5 },
      { expiresAt: Number.NaN },
    ];
    for (const change of broken) {
      expect(() => encodeDeviceLinkOffer({ ...FIXED_OFFER, ...change } as DeviceLinkOffer)).toThrow(
        InvalidDeviceLinkError,
      );
    }
  });
});

describe('parseDeviceLinkOffer on malformed codes', () => {
  it('says DEVICE_LINK_EMPTY for nothing, DEVICE_LINK_MALFORMED for a non-string', () => {
    for (const empty of ['', '#', '  ', '# \n']) {
      expect(parseDeviceLinkOffer(empty)).toEqual(failure('DEVICE_LINK_EMPTY'));
    }
    for (const value of [undefined, null, 42, {}, new Uint8Array(3)]) {
      expect(parseDeviceLinkOffer(value)).toEqual(failure('DEVICE_LINK_MALFORMED'));
    }
  });

  it('tolerates a leading # and whitespace anywhere', () => {
    const ok = { ok: true, offer: FIXED_OFFER };
    expect(parseDeviceLinkOffer(`#${FIXED_CODE}`)).toEqual(ok);
    expect(parseDeviceLinkOffer(`  ${FIXED_CODE}\n`)).toEqual(ok);
    expect(parseDeviceLinkOffer(`# ${FIXED_CODE.slice(0, 40)}\n ${FIXED_CODE.slice(40)}`)).toEqual(
      ok,
    );
    expect(parseDeviceLinkOffer(FIXED_CODE.replace(/(.{10})/g, '$1 \t'))).toEqual(ok);
    // Only one '#' is taken away.
    expect(parseDeviceLinkOffer(`##${FIXED_CODE}`)).toEqual(failure('DEVICE_LINK_NOT_TRELLIS'));
  });

  it('says DEVICE_LINK_IS_INVITE for a pair invite, current or retired', () => {
    for (const invite of [INVITE_FRAGMENT, VERSION_1_FRAGMENT]) {
      expect(parseDeviceLinkOffer(invite)).toEqual(failure('DEVICE_LINK_IS_INVITE'));
      expect(parseDeviceLinkOffer(`#${invite}`)).toEqual(failure('DEVICE_LINK_IS_INVITE'));
      expect(parseDeviceLinkOffer(`  ${invite.slice(0, 50)}\n${invite.slice(50)}`)).toEqual(
        failure('DEVICE_LINK_IS_INVITE'),
      );
    }
    // An invite's prefix alone is an invite too, not a device link cut short.
    expect(parseDeviceLinkOffer('i2.')).toEqual(failure('DEVICE_LINK_IS_INVITE'));
  });

  it('says DEVICE_LINK_NOT_TRELLIS for another prefix', () => {
    for (const code of [
      `x1.${body}`,
      `L1.${body}`,
      `l1${body}`,
      `l.${body}`,
      `l-1.${body}`,
      body,
      'access_token=abc&state=xyz',
      'https://trellis.example/link#l1.abc',
    ]) {
      expect(parseDeviceLinkOffer(code), code).toEqual(failure('DEVICE_LINK_NOT_TRELLIS'));
    }
  });

  it('says DEVICE_LINK_UNSUPPORTED_VERSION for another version, whatever follows', () => {
    for (const code of [`l2.${body}`, `l0.${body}`, `l10.${body}`, `l01.${body}`, 'l9.', 'l3.x']) {
      expect(parseDeviceLinkOffer(code)).toEqual(failure('DEVICE_LINK_UNSUPPORTED_VERSION'));
    }
  });

  it('says DEVICE_LINK_TRUNCATED at every truncation length', () => {
    for (let counter = 0; counter < 10; counter += 1) {
      const code = encodeDeviceLinkOffer(counter === 0 ? FIXED_OFFER : seededOffer(counter));
      for (let length = 1; length < code.length; length += 1) {
        expect(parseDeviceLinkOffer(code.slice(0, length))).toEqual(
          failure('DEVICE_LINK_TRUNCATED'),
        );
      }
    }
  });

  it('says DEVICE_LINK_TRUNCATED when a character is missing from the middle', () => {
    for (let at = DEVICE_LINK_PREFIX.length; at < FIXED_CODE.length; at += 1) {
      const shortened = FIXED_CODE.slice(0, at) + FIXED_CODE.slice(at + 1);
      expect(parseDeviceLinkOffer(shortened)).toEqual(failure('DEVICE_LINK_TRUNCATED'));
    }
  });

  it('says DEVICE_LINK_DAMAGED for every single-character change of the body', () => {
    for (let at = DEVICE_LINK_PREFIX.length; at < FIXED_CODE.length; at += 1) {
      for (const char of BASE64URL_CHARS) {
        if (char === FIXED_CODE[at]) continue;
        const changed = FIXED_CODE.slice(0, at) + char + FIXED_CODE.slice(at + 1);
        expect(parseDeviceLinkOffer(changed)).toEqual(failure('DEVICE_LINK_DAMAGED'));
      }
    }
  });

  it('says DEVICE_LINK_MALFORMED for extra bytes and characters', () => {
    for (const extra of ['A', 'AA', 'AAA', 'AAAA', '=', '==', '.', ')', '&utm=1']) {
      expect(parseDeviceLinkOffer(FIXED_CODE + extra), extra).toEqual(
        failure('DEVICE_LINK_MALFORMED'),
      );
    }
    // Whole extra bytes, even with a checksum that holds over them.
    const content = encodeDeviceLinkOfferBytes(FIXED_OFFER).subarray(
      0,
      DEVICE_LINK_FIELDS.checksum.offset,
    );
    expect(
      parseDeviceLinkOffer(codeOf(withChecksum(concatBytes([content, new Uint8Array(3)])))),
    ).toEqual(failure('DEVICE_LINK_MALFORMED'));
  });

  it('says DEVICE_LINK_MALFORMED for characters outside unpadded base64url', () => {
    const at = DEVICE_LINK_PREFIX.length + 40;
    for (const char of ['+', '/', '=', '%', '.', '#', '\u00e9', '\u0000', 'A\u0301']) {
      const changed = FIXED_CODE.slice(0, at) + char + FIXED_CODE.slice(at + 1);
      expect(parseDeviceLinkOffer(changed)).toEqual(failure('DEVICE_LINK_MALFORMED'));
    }
  });

  it('says DEVICE_LINK_MALFORMED for a whole offer with a field one byte short or long', () => {
    const content = encodeDeviceLinkOfferBytes(FIXED_OFFER).subarray(
      0,
      DEVICE_LINK_FIELDS.checksum.offset,
    );
    for (const { label, bytes } of fieldLengthVariants(content, DEVICE_LINK_FIELDS)) {
      expect(parseDeviceLinkOffer(codeOf(withChecksum(bytes))), label).toEqual(
        failure('DEVICE_LINK_MALFORMED'),
      );
    }
  });

  it('never throws, and accepts a mutated code only if it is the canonical one (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        expect(typeof parseDeviceLinkOffer(text).ok).toBe('boolean');
        expect(parseDeviceLinkOffer(`l1.${text}`).ok).toBe(false);
      }),
      { seed: 0x11e4, numRuns: 1000 },
    );
    const mutation = fc.record({
      at: fc.nat({ max: 100 }),
      deleteCount: fc.nat({ max: 3 }),
      insert: fc.string({ maxLength: 3, unit: fc.constantFrom(...`${BASE64URL_CHARS}.=+/`) }),
    });
    fc.assert(
      fc.property(fc.nat({ max: 30 }), mutation, (counter, { at, deleteCount, insert }) => {
        const code = encodeDeviceLinkOffer(seededOffer(counter));
        const mutated = code.slice(0, at) + insert + code.slice(at + deleteCount);
        const parsed = parseDeviceLinkOffer(mutated);
        if (parsed.ok) expect(encodeDeviceLinkOffer(parsed.offer)).toBe(mutated);
        if (mutated === code) expect(parsed.ok).toBe(true);
      }),
      { seed: 0x7e12, numRuns: 800 },
    );
  });
});

describe('checkDeviceLinkUsable', () => {
  const { expiresAt } = FIXED_OFFER;

  it('accepts an offer before its expiry and says DEVICE_LINK_EXPIRED from the expiry on', () => {
    expect(checkDeviceLinkUsable(FIXED_OFFER, { now: expiresAt - 1 })).toEqual({ ok: true });
    expect(checkDeviceLinkUsable(FIXED_OFFER, { now: 0 })).toEqual({ ok: true });
    for (const now of [expiresAt, expiresAt + 1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(checkDeviceLinkUsable(FIXED_OFFER, { now })).toEqual(failure('DEVICE_LINK_EXPIRED'));
    }
  });
});

describe('buildDeviceLinkUrl / readDeviceLinkFromUrl', () => {
  it('puts the offer in the fragment of /link and reads it back', () => {
    const link = buildDeviceLinkUrl('https://trellis.example', FIXED_OFFER);
    expect(link).toBe(`https://trellis.example/link#${FIXED_CODE}`);
    expect(buildDeviceLinkUrl('http://localhost:5173/', FIXED_OFFER)).toBe(
      `http://localhost:5173/link#${FIXED_CODE}`,
    );
    expect(readDeviceLinkFromUrl(link)).toEqual({ ok: true, offer: FIXED_OFFER });
    expect(readDeviceLinkFromUrl(new URL(link))).toEqual({ ok: true, offer: FIXED_OFFER });
    const url = new URL(link);
    expect(url.pathname + url.search).toBe('/link');
  });

  it('refuses an origin with a path, another scheme or no scheme', () => {
    for (const origin of ['https://t.example/app', 'ftp://t.example', 'javascript:alert(1)', '']) {
      expect(() => buildDeviceLinkUrl(origin, FIXED_OFFER), origin).toThrow(RangeError);
    }
  });

  it('tells a link cut off at the # from one that never held an offer', () => {
    const truncated = failure('DEVICE_LINK_TRUNCATED');
    expect(readDeviceLinkFromUrl('https://trellis.example/link')).toEqual(truncated);
    expect(readDeviceLinkFromUrl('https://trellis.example/link#')).toEqual(truncated);
    expect(readDeviceLinkFromUrl('https://trellis.example/')).toEqual(failure('DEVICE_LINK_EMPTY'));
    expect(readDeviceLinkFromUrl('not a link')).toEqual(failure('DEVICE_LINK_NOT_TRELLIS'));
    const link = buildDeviceLinkUrl('https://trellis.example', FIXED_OFFER);
    expect(readDeviceLinkFromUrl(link.slice(0, -10))).toEqual(truncated);
    expect(readDeviceLinkFromUrl(`${link.slice(0, -1)}*`)).toEqual(
      failure('DEVICE_LINK_MALFORMED'),
    );
    expect(readDeviceLinkFromUrl(`https://trellis.example/join#${INVITE_FRAGMENT}`)).toEqual(
      failure('DEVICE_LINK_IS_INVITE'),
    );
  });
});

describe('deviceLinkErrorMessage', () => {
  it('has a distinct sentence for every code', () => {
    const messages = DEVICE_LINK_ERROR_CODES.map(deviceLinkErrorMessage);
    expect(new Set(messages).size).toBe(DEVICE_LINK_ERROR_CODES.length);
    for (const message of messages) expect(message).toMatch(/^[A-Z].+\.$/);
  });
});
