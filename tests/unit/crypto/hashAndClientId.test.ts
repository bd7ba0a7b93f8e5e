import { beforeAll, describe, expect, it } from 'vitest';
import {
  deriveClientId,
  generateDeviceIdentity,
  hashBytes,
  readyCrypto,
  type DeviceId,
} from '$lib/crypto';

beforeAll(readyCrypto);

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('hashBytes', () => {
  it('is BLAKE2b (RFC 7693 test vector for "abc") and honours the length', () => {
    expect(hex(hashBytes(utf8('abc'), 64))).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1' +
        '7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
    expect(hashBytes(utf8('abc'))).toHaveLength(32);
    expect(hashBytes(utf8('abc'))).toEqual(hashBytes(utf8('abc')));
    expect(hashBytes(utf8('abc'))).not.toEqual(hashBytes(utf8('abd')));
    expect(hashBytes(utf8('abc'), 16)).toHaveLength(16);
  });
});

describe('deriveClientId', () => {
  it('follows the documented construction', () => {
    const deviceId = generateDeviceIdentity().deviceId;
    const input = new Uint8Array([...utf8('trellis/yjs-client/v1'), ...utf8(deviceId), 0, 0, 1, 2]);
    const digest = hashBytes(input, 32);
    const expected = new DataView(digest.buffer, digest.byteOffset).getUint32(0) >>> 1;
    expect(deriveClientId(deviceId, 258)).toBe(expected || 1);
  });

  it('is stable, 31-bit, non-zero, and distinct across devices and incarnations', () => {
    const devices = Array.from({ length: 20 }, () => generateDeviceIdentity().deviceId);
    const seen = new Set<number>();
    for (const deviceId of devices) {
      for (let incarnation = 0; incarnation < 50; incarnation += 1) {
        const id = deriveClientId(deviceId, incarnation);
        expect(deriveClientId(deviceId, incarnation)).toBe(id);
        expect(Number.isInteger(id) && id > 0 && id < 2 ** 31).toBe(true);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(20 * 50);
  });

  it('pins one value so the construction cannot drift between versions', () => {
    const deviceId = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' as DeviceId;
    expect(deriveClientId(deviceId, 0)).toBe(PINNED_CLIENT_ID_0);
    expect(deriveClientId(deviceId, 1)).toBe(PINNED_CLIENT_ID_1);
  });

  it('refuses an incarnation that is not a uint32', () => {
    const deviceId = generateDeviceIdentity().deviceId;
    for (const bad of [-1, 1.5, 2 ** 32, Number.NaN]) {
      expect(() => deriveClientId(deviceId, bad)).toThrow(RangeError);
    }
    expect(() => deriveClientId(deviceId, 2 ** 32 - 1)).not.toThrow();
  });
});

// Computed independently with Python's hashlib.blake2b(digest_size=32).
const PINNED_CLIENT_ID_0 = 262667828;
const PINNED_CLIENT_ID_1 = 2066923853;
