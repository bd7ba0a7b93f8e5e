// The three link messages: round trips, strict parsing of garbage, the request signature (bound
// to the secret, the keys and the name), the grant signature (bound to the offering device) and
// the confirmation code.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, readyCrypto, toBase64Url, type BoxPublicKey } from '$lib/crypto';
import {
  encodeLinkMessage,
  InvalidDeviceLinkError,
  linkConfirmationCode,
  MAX_DEVICE_NAME_BYTES,
  openLinkGrant,
  parseLinkMessage,
  signLinkGrant,
  signLinkRequest,
  verifyLinkRequest,
  type DeviceLinkOffer,
  type LinkMessage,
} from '$lib/sync/deviceLink';
import { sampleBundle, seededBytes, twoDevices } from './deviceLinkFixture';

beforeAll(readyCrypto);

const secret = () => seededBytes('link-secret', 1, 32);
const otherSecret = () => seededBytes('link-secret', 2, 32);

describe('encodeLinkMessage / parseLinkMessage', () => {
  it('round-trips a request, a grant and a decline', () => {
    const { offering, joining } = twoDevices();
    const request = signLinkRequest({ secret: secret(), identity: joining, deviceName: 'Phone' });
    const grant = signLinkGrant({
      secret: secret(),
      identity: offering,
      request,
      bundle: sampleBundle(),
    });
    const messages: LinkMessage[] = [
      request,
      { ...request, deviceName: 'Ädas Telefon 📱' },
      { ...request, deviceName: 'x'.repeat(MAX_DEVICE_NAME_BYTES) },
      grant,
      { ...grant, sealed: new Uint8Array(0) },
      { type: 'decline', to: joining.deviceId },
    ];
    for (const message of messages) {
      expect(parseLinkMessage(encodeLinkMessage(message))).toEqual(message);
    }
    expect(encodeLinkMessage(messages[5]!)).toHaveLength(34);
  });

  it('refuses to encode a message that breaks its own type', () => {
    const { joining } = twoDevices();
    const request = signLinkRequest({ secret: secret(), identity: joining, deviceName: 'Phone' });
    const broken = [
      { ...request, deviceName: '' },
      { ...request, deviceName: '   ' },
      { ...request, deviceName: 'x'.repeat(MAX_DEVICE_NAME_BYTES + 1) },
      { ...request, deviceName: 'lone \ud800 surrogate' },
      { ...request, boxPublicKey: new Uint8Array(31) as BoxPublicKey },
      { ...request, signature: new Uint8Array(63) },
      { ...request, deviceId: 'nope' },
      { type: 'decline', to: toBase64Url(new Uint8Array(31)) },
      {
        type: 'grant',
        to: joining.deviceId,
        sealed: new Uint8Array(200 * 1024),
        signature: new Uint8Array(64),
      },
      { type: 'other', to: joining.deviceId },
    ];
    for (const message of broken) {
      expect(() => encodeLinkMessage(message as LinkMessage)).toThrow(InvalidDeviceLinkError);
    }
  });

  it('returns undefined for every truncation, extra bytes, other versions and types', () => {
    const { offering, joining } = twoDevices();
    const request = signLinkRequest({ secret: secret(), identity: joining, deviceName: 'Phone' });
    const grant = signLinkGrant({
      secret: secret(),
      identity: offering,
      request,
      bundle: sampleBundle(1),
    });
    for (const message of [request, grant, { type: 'decline', to: joining.deviceId } as const]) {
      const bytes = encodeLinkMessage(message);
      for (let length = 0; length < bytes.length; length += 1) {
        expect(parseLinkMessage(bytes.slice(0, length))).toBeUndefined();
      }
      expect(parseLinkMessage(new Uint8Array([...bytes, 0]))).toBeUndefined();
      for (const version of [0, 2, 0xff]) {
        expect(parseLinkMessage(new Uint8Array([version, ...bytes.slice(1)]))).toBeUndefined();
      }
    }
    const decline = encodeLinkMessage({ type: 'decline', to: joining.deviceId });
    for (const type of [0, 4, 0xff]) {
      expect(parseLinkMessage(new Uint8Array([1, type, ...decline.slice(2)]))).toBeUndefined();
    }
    for (const value of [undefined, null, 'text', [1, 3], {}]) {
      expect(parseLinkMessage(value as unknown as Uint8Array)).toBeUndefined();
    }
  });

  it('refuses a request whose name is blank, too long or not UTF-8', () => {
    const { joining } = twoDevices();
    const request = signLinkRequest({ secret: secret(), identity: joining, deviceName: 'ab' });
    const bytes = encodeLinkMessage(request);
    const nameAt = 2 + 32 + 32; // varString length byte, then 'ab'
    expect(bytes[nameAt]).toBe(2);
    const withName = (name: Uint8Array) =>
      new Uint8Array([...bytes.slice(0, nameAt), name.length, ...name, ...bytes.slice(nameAt + 3)]);
    expect(parseLinkMessage(withName(new Uint8Array([0x61, 0x62])))).toEqual(request);
    expect(parseLinkMessage(withName(new Uint8Array([])))).toBeUndefined();
    expect(parseLinkMessage(withName(new Uint8Array([0x20, 0x20])))).toBeUndefined();
    expect(parseLinkMessage(withName(new Uint8Array([0xc3, 0x28])))).toBeUndefined();
    const long = new TextEncoder().encode('y'.repeat(MAX_DEVICE_NAME_BYTES + 1));
    const tooLong = new Uint8Array([
      ...bytes.slice(0, nameAt),
      ...[0xc9, 0x01], // varuint 201
      ...long,
      ...bytes.slice(nameAt + 3),
    ]);
    expect(parseLinkMessage(tooLong)).toBeUndefined();
  });

  it('never throws on random bytes, and what it accepts re-encodes to the same bytes (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 3 }), (random, type) => {
        const bytes = new Uint8Array([1, type, ...random]);
        const parsed = parseLinkMessage(bytes);
        if (parsed) expect(encodeLinkMessage(parsed)).toEqual(bytes);
        parseLinkMessage(random);
      }),
      { seed: 0x1a7e, numRuns: 2000 },
    );
  });
});

describe('signLinkRequest / verifyLinkRequest', () => {
  it('verifies for the link it was made for', () => {
    const { joining } = twoDevices();
    const request = signLinkRequest({ secret: secret(), identity: joining, deviceName: 'Phone' });
    expect(request).toMatchObject({
      type: 'request',
      deviceId: joining.deviceId,
      boxPublicKey: joining.box.publicKey,
      deviceName: 'Phone',
    });
    expect(verifyLinkRequest(secret(), request)).toBe(true);
    const parsed = parseLinkMessage(encodeLinkMessage(request));
    expect(parsed?.type === 'request' && verifyLinkRequest(secret(), parsed)).toBe(true);
  });

  it('fails for another secret, a tampered name, box key, device or signature', () => {
    const { offering, joining } = twoDevices();
    const request = signLinkRequest({ secret: secret(), identity: joining, deviceName: 'Phone' });
    const tamperedBox = request.boxPublicKey.slice() as BoxPublicKey;
    tamperedBox[0]! ^= 1;
    const tamperedSignature = request.signature.slice();
    tamperedSignature[10]! ^= 1;
    expect(verifyLinkRequest(otherSecret(), request)).toBe(false);
    expect(verifyLinkRequest(secret(), { ...request, deviceName: 'Phone ' })).toBe(false);
    expect(verifyLinkRequest(secret(), { ...request, deviceName: 'Laptop' })).toBe(false);
    expect(verifyLinkRequest(secret(), { ...request, boxPublicKey: tamperedBox })).toBe(false);
    expect(verifyLinkRequest(secret(), { ...request, deviceId: offering.deviceId })).toBe(false);
    expect(verifyLinkRequest(secret(), { ...request, signature: tamperedSignature })).toBe(false);
    expect(verifyLinkRequest(secret().subarray(1), request)).toBe(false);
    expect(verifyLinkRequest(secret(), { ...request, signature: new Uint8Array(3) })).toBe(false);
  });

  it('refuses to sign with a bad secret or name', () => {
    const { joining } = twoDevices();
    expect(() =>
      signLinkRequest({ secret: new Uint8Array(31), identity: joining, deviceName: 'Phone' }),
    ).toThrow(InvalidDeviceLinkError);
    expect(() => signLinkRequest({ secret: secret(), identity: joining, deviceName: ' ' })).toThrow(
      InvalidDeviceLinkError,
    );
  });
});

describe('signLinkGrant / openLinkGrant', () => {
  const offerFor = (offeringDeviceId: DeviceLinkOffer['offeringDeviceId'], linkSecret = secret()) =>
    ({ version: 1, secret: linkSecret, offeringDeviceId, expiresAt: 2_000_000_000 }) as const;

  it('opens a grant from the offering device, for this device, with the bundle inside', () => {
    const { offering, joining } = twoDevices();
    const bundle = sampleBundle();
    const request = signLinkRequest({ secret: secret(), identity: joining, deviceName: 'Phone' });
    const grant = signLinkGrant({ secret: secret(), identity: offering, request, bundle });
    expect(grant.to).toBe(joining.deviceId);
    const parsed = parseLinkMessage(encodeLinkMessage(grant));
    if (parsed?.type !== 'grant') throw new Error('the grant must parse');
    expect(
      openLinkGrant({ offer: offerFor(offering.deviceId), grant: parsed, identity: joining }),
    ).toEqual({ ok: true, bundle });
  });

  it('refuses a grant for another device, from another device, for another link, or tampered', () => {
    const { offering, joining } = twoDevices();
    const stranger = generateDeviceIdentity();
    const request = signLinkRequest({ secret: secret(), identity: joining, deviceName: 'Phone' });
    const grant = signLinkGrant({
      secret: secret(),
      identity: offering,
      request,
      bundle: sampleBundle(),
    });
    const offer = offerFor(offering.deviceId);
    expect(openLinkGrant({ offer, grant, identity: stranger })).toEqual({
      ok: false,
      code: 'GRANT_NOT_FOR_THIS_DEVICE',
    });
    // Someone else who saw the QR code posts a grant of their own.
    const forged = signLinkGrant({
      secret: secret(),
      identity: stranger,
      request,
      bundle: sampleBundle(),
    });
    expect(openLinkGrant({ offer, grant: forged, identity: joining })).toEqual({
      ok: false,
      code: 'GRANT_BAD_SIGNATURE',
    });
    expect(
      openLinkGrant({
        offer: offerFor(offering.deviceId, otherSecret()),
        grant,
        identity: joining,
      }),
    ).toEqual({ ok: false, code: 'GRANT_BAD_SIGNATURE' });
    const sealed = grant.sealed.slice();
    sealed[60]! ^= 1;
    expect(openLinkGrant({ offer, grant: { ...grant, sealed }, identity: joining })).toEqual({
      ok: false,
      code: 'GRANT_BAD_SIGNATURE',
    });
    // Signed correctly, but sealed to a box key this device does not hold.
    const misdirected = signLinkGrant({
      secret: secret(),
      identity: offering,
      request: { ...request, boxPublicKey: stranger.box.publicKey },
      bundle: sampleBundle(),
    });
    expect(openLinkGrant({ offer, grant: misdirected, identity: joining })).toEqual({
      ok: false,
      code: 'GRANT_UNREADABLE',
    });
  });
});

describe('linkConfirmationCode', () => {
  it('is six digits, equal for the same inputs, different for another device or link', () => {
    const { offering, joining } = twoDevices();
    const code = linkConfirmationCode(secret(), joining.deviceId);
    expect(code).toMatch(/^[0-9]{3} [0-9]{3}$/);
    expect(linkConfirmationCode(secret().slice(), joining.deviceId)).toBe(code);
    expect(linkConfirmationCode(secret(), offering.deviceId)).not.toBe(code);
    expect(linkConfirmationCode(otherSecret(), joining.deviceId)).not.toBe(code);
    expect(() => linkConfirmationCode(secret(), 'nope' as typeof joining.deviceId)).toThrow(
      RangeError,
    );
  });

  it('matches a fixed vector and spreads over the digits', () => {
    const device = toBase64Url(new Uint8Array(32).fill(0x42)) as ReturnType<
      typeof generateDeviceIdentity
    >['deviceId'];
    expect(linkConfirmationCode(new Uint8Array(32).fill(0x11), device)).toBe(FIXED_CODE_VECTOR);
    const codes = new Set(
      Array.from({ length: 200 }, (_, i) => linkConfirmationCode(seededBytes('s', i, 32), device)),
    );
    expect(codes.size).toBeGreaterThan(195);
  });
});

/** From Python: int.from_bytes(blake2b(domain | secret | device, 32)[:8], 'big') % 10**6. */
const FIXED_CODE_VECTOR = '811 604';
