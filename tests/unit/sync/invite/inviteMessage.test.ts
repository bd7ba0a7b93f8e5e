// The four handshake messages as bytes: round trips, and every hostile variant — every
// truncation, a trailing byte, oversize messages and fields, unknown versions and types, bad
// field values, non-canonical lengths, random bytes — refused with its code, never thrown.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, readyCrypto, toBase64Url, type DeviceId } from '$lib/crypto';
import {
  encodeInviteMessage,
  encodeUnsignedInviteMessage,
  InvalidInviteError,
  MAX_INVITE_MESSAGE_BYTES,
  parseInviteMessage,
  signJoinAnswer,
  type InviteMessage,
  type InviteMessageErrorCode,
  type JoinRequest,
} from '$lib/sync/invite';
import { handshake, requestOf, sampleGrantBundle } from './handshakeFixture';

beforeAll(readyCrypto);

const refused = (code: InviteMessageErrorCode) => ({ ok: false, code });

function allMessages(): InviteMessage[] {
  const { inviter, joiner, offer } = handshake();
  const request = requestOf(offer, joiner);
  const sign = (answer: Parameters<typeof signJoinAnswer>[0]['answer']) =>
    signJoinAnswer({ offer, inviter: inviter.person, answer });
  return [
    request,
    requestOf(offer, joiner, { name: 'é'.repeat(100), timeZone: 'Etc/GMT+3' }),
    sign({ type: 'join-grant', request, bundle: sampleGrantBundle(inviter, 0, 'Ana & Bo') }),
    sign({ type: 'join-grant', request, bundle: sampleGrantBundle(inviter, 1) }),
    sign({ type: 'join-decline', request }),
    ...(['used', 'second-request', 'revoked', 'expired'] as const).map((reason) =>
      sign({ type: 'join-closed', reason }),
    ),
  ];
}

/** A request's bytes with the name and time zone fields replaced by raw bytes. */
function requestWithTexts(request: JoinRequest, name: Uint8Array, timeZone: Uint8Array) {
  const bytes = encodeInviteMessage(request);
  const fixed = 2 + 32 * 3 + 64 + 1;
  return concatBytes([bytes.subarray(0, fixed), name, timeZone, request.signature]);
}
const varString = (content: Uint8Array) => concatBytes([new Uint8Array([content.length]), content]);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('encodeInviteMessage / parseInviteMessage', () => {
  it('round-trips every type, and the signature is always the last 64 bytes', () => {
    for (const message of allMessages()) {
      const bytes = encodeInviteMessage(message);
      expect(bytes[0]).toBe(2);
      expect(bytes.length).toBeLessThanOrEqual(MAX_INVITE_MESSAGE_BYTES);
      expect(bytes.subarray(-64)).toEqual(message.signature);
      expect(bytes.subarray(0, -64)).toEqual(encodeUnsignedInviteMessage(message));
      expect(parseInviteMessage(bytes)).toEqual({ ok: true, message });
    }
  });

  it('refuses every truncation and a trailing byte', () => {
    for (const message of allMessages()) {
      const bytes = encodeInviteMessage(message);
      for (let length = 0; length < bytes.length; length += 1) {
        expect(parseInviteMessage(bytes.slice(0, length)), `${message.type} ${length}`).toEqual(
          refused('INVITE_MESSAGE_TRUNCATED'),
        );
      }
      for (const extra of [0, 1, 0xff]) {
        expect(parseInviteMessage(concatBytes([bytes, new Uint8Array([extra])]))).toEqual(
          refused('INVITE_MESSAGE_TRAILING_BYTES'),
        );
      }
    }
  });

  it('refuses another version, an unknown type, and input that is not bytes', () => {
    const bytes = encodeInviteMessage(allMessages()[0]!);
    for (const version of [0, 1, 3, 0xff]) {
      const changed = bytes.slice();
      changed[0] = version;
      expect(parseInviteMessage(changed)).toEqual(refused('INVITE_MESSAGE_UNSUPPORTED_VERSION'));
    }
    for (const type of [0, 5, 0x80, 0xff]) {
      const changed = bytes.slice();
      changed[1] = type;
      expect(parseInviteMessage(changed)).toEqual(refused('INVITE_MESSAGE_UNKNOWN_TYPE'));
    }
    for (const garbage of [undefined, null, 'text', [2, 1], { length: 3 }]) {
      expect(parseInviteMessage(garbage)).toEqual(refused('INVITE_MESSAGE_MALFORMED'));
    }
  });

  it('refuses an oversize message and fields over their bounds', () => {
    const [request, , grant] = allMessages() as [JoinRequest, JoinRequest, InviteMessage];
    expect(parseInviteMessage(new Uint8Array(MAX_INVITE_MESSAGE_BYTES + 1))).toEqual(
      refused('INVITE_MESSAGE_OVERSIZE'),
    );
    const longName = concatBytes([new Uint8Array([201, 1]), new Uint8Array(201).fill(0x61)]);
    const zone = varString(utf8('UTC'));
    expect(parseInviteMessage(requestWithTexts(request, longName, zone))).toEqual(
      refused('INVITE_MESSAGE_OVERSIZE'),
    );
    const longZone = concatBytes([new Uint8Array([65]), new Uint8Array(65).fill(0x61)]);
    expect(parseInviteMessage(requestWithTexts(request, varString(utf8('Ana')), longZone))).toEqual(
      refused('INVITE_MESSAGE_OVERSIZE'),
    );
    // A grant whose sealed field claims 513 bytes.
    const grantBytes = encodeInviteMessage(grant);
    const claim = concatBytes([grantBytes.subarray(0, 34), new Uint8Array([0x81, 0x04])]);
    expect(parseInviteMessage(concatBytes([claim, new Uint8Array(513 + 64)]))).toEqual(
      refused('INVITE_MESSAGE_OVERSIZE'),
    );
    // A varuint that never ends is no Trellis length.
    expect(
      parseInviteMessage(concatBytes([claim.subarray(0, 34), new Uint8Array(8).fill(0xff)])),
    ).toEqual(refused('INVITE_MESSAGE_OVERSIZE'));
  });

  it('refuses bad field values and non-canonical encodings', () => {
    const messages = allMessages();
    const request = messages[0] as JoinRequest;
    const requestBytes = encodeInviteMessage(request);
    const roleAt = 2 + 32 * 3 + 64;
    for (const role of [0, 3, 0xff]) {
      const changed = requestBytes.slice();
      changed[roleAt] = role;
      expect(parseInviteMessage(changed)).toEqual(refused('INVITE_MESSAGE_MALFORMED'));
    }
    const closed = encodeInviteMessage(messages.at(-1)!);
    for (const reason of [0, 5, 0xff]) {
      const changed = closed.slice();
      changed[2] = reason;
      expect(parseInviteMessage(changed)).toEqual(refused('INVITE_MESSAGE_MALFORMED'));
    }
    const zone = varString(utf8('UTC'));
    for (const name of [
      varString(utf8('   ')),
      varString(new Uint8Array(0)),
      varString(new Uint8Array([0xff, 0xfe])), // not UTF-8
    ]) {
      expect(parseInviteMessage(requestWithTexts(request, name, zone))).toEqual(
        refused('INVITE_MESSAGE_MALFORMED'),
      );
    }
    for (const timeZone of ['Europe/ Lisbon', 'Zürich', '']) {
      expect(
        parseInviteMessage(
          requestWithTexts(request, varString(utf8('Ana')), varString(utf8(timeZone))),
        ),
      ).toEqual(refused('INVITE_MESSAGE_MALFORMED'));
    }
    // The same name with its length written in two bytes (0x83 0x00 = 3): one encoding only.
    const padded = concatBytes([new Uint8Array([0x83, 0x00]), utf8('Ana')]);
    expect(parseInviteMessage(requestWithTexts(request, varString(utf8('Ana')), zone)).ok).toBe(
      true,
    );
    expect(parseInviteMessage(requestWithTexts(request, padded, zone))).toEqual(
      refused('INVITE_MESSAGE_MALFORMED'),
    );
  });

  it('never throws on random bytes or random mutations', () => {
    const valid = allMessages().map((message) => encodeInviteMessage(message));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), (bytes) => {
        expect(parseInviteMessage(bytes).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, flip) => {
          const changed = bytes.slice();
          changed[at % changed.length]! ^= flip;
          const parsed = parseInviteMessage(changed);
          // A flip in a key or signature still parses (the signature check catches it);
          // whatever parses re-encodes to exactly the bytes given.
          if (parsed.ok) expect(encodeInviteMessage(parsed.message)).toEqual(changed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses to encode a message that breaks its own type', () => {
    const [request, , grant] = allMessages() as [JoinRequest, JoinRequest, InviteMessage];
    const broken: unknown[] = [
      { ...request, name: ' ' },
      { ...request, name: 'a'.repeat(201) },
      { ...request, name: '\ud800' },
      { ...request, timeZone: 'Not a zone' },
      { ...request, timeZone: `A/${'b'.repeat(63)}` },
      { ...request, role: 'admin' },
      { ...request, certificate: new Uint8Array(63) },
      { ...request, boxPublicKey: new Uint8Array(31) },
      { ...request, personId: 'short' },
      { ...request, signature: new Uint8Array(63) },
      { ...grant, sealed: new Uint8Array(513) },
      { ...grant, to: toBase64Url(new Uint8Array(31)) as DeviceId },
      { type: 'join-closed', reason: 'toString', signature: new Uint8Array(64) },
      { type: 'join-closed', reason: 'bored', signature: new Uint8Array(64) },
      { type: 'join-hello', signature: new Uint8Array(64) },
    ];
    for (const message of broken) {
      expect(() => encodeInviteMessage(message as InviteMessage)).toThrow(InvalidInviteError);
    }
  });
});
