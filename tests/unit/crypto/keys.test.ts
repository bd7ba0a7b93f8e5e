import { beforeAll, describe, expect, it } from 'vitest';
import {
  deriveRelayToken,
  deriveRoomId,
  deviceIdOf,
  fromBase64Url,
  generateDeviceIdentity,
  generateVaultKey,
  generateWorkspaceId,
  generateWorkspaceKey,
  openSealedToDevice,
  parseWorkspaceId,
  publicKeyOfDevice,
  randomBytes,
  readyCrypto,
  sealToDevice,
  toBase64Url,
  unwrapKey,
  wrapKey,
  type DeviceId,
  type SigningPublicKey,
  type WorkspaceKey,
  type WrappedKey,
} from '$lib/crypto';

beforeAll(readyCrypto);

describe('randomBytes', () => {
  it('returns the requested length, beyond one getRandomValues call', () => {
    expect(randomBytes(0)).toHaveLength(0);
    const big = randomBytes(70_000);
    expect(big).toHaveLength(70_000);
    // The second chunk is filled too (a fill of zeros over 4,464 bytes is ~impossible).
    expect(big.subarray(65_536).some((byte) => byte !== 0)).toBe(true);
    expect(randomBytes(32)).not.toEqual(randomBytes(32));
    expect(() => randomBytes(-1)).toThrow(RangeError);
  });
});

describe('device identity', () => {
  it('has keys of the right sizes and an id that spells its signing key', () => {
    const me = generateDeviceIdentity();
    expect(me.signing.publicKey).toHaveLength(32);
    expect(me.signing.secretKey).toHaveLength(64);
    expect(me.box.publicKey).toHaveLength(32);
    expect(me.box.secretKey).toHaveLength(32);
    expect(me.deviceId).toHaveLength(43);
    expect(me.deviceId).toBe(deviceIdOf(me.signing.publicKey));
    expect(publicKeyOfDevice(me.deviceId)).toEqual(me.signing.publicKey);
    // Separate random key pairs, not one key reused.
    expect(me.box.publicKey).not.toEqual(me.signing.publicKey);
    expect(generateDeviceIdentity().deviceId).not.toBe(me.deviceId);
  });

  it('parses only device ids that spell 32 bytes canonically', () => {
    expect(publicKeyOfDevice(toBase64Url(new Uint8Array(31)) as DeviceId)).toBeUndefined();
    expect(publicKeyOfDevice(toBase64Url(new Uint8Array(33)) as DeviceId)).toBeUndefined();
    expect(publicKeyOfDevice('' as DeviceId)).toBeUndefined();
    const id = generateDeviceIdentity().deviceId;
    expect(publicKeyOfDevice(`${id}=` as DeviceId)).toBeUndefined();
    // The standard alphabet's '+' and '/' are another spelling of the same bytes: refused.
    const urlSafe = toBase64Url(new Uint8Array(32).fill(0xfb));
    expect(urlSafe).toMatch(/^-_v7/);
    expect(publicKeyOfDevice(urlSafe as DeviceId)).toHaveLength(32);
    expect(
      publicKeyOfDevice(urlSafe.replace(/-/g, '+').replace(/_/g, '/') as DeviceId),
    ).toBeUndefined();
    expect(() => deviceIdOf(new Uint8Array(31) as SigningPublicKey)).toThrow(RangeError);
  });
});

describe('workspace keys and ids', () => {
  it('generates 32-byte keys and 16-byte ids', () => {
    expect(generateWorkspaceKey()).toHaveLength(32);
    expect(generateVaultKey()).toHaveLength(32);
    expect(generateWorkspaceKey()).not.toEqual(generateWorkspaceKey());
    const id = generateWorkspaceId();
    expect(id).toHaveLength(22);
    expect(fromBase64Url(id)).toHaveLength(16);
    expect(parseWorkspaceId(id)).toBe(id);
    expect(generateWorkspaceId()).not.toBe(id);
  });

  it('parses only canonical 16-byte workspace ids', () => {
    expect(parseWorkspaceId(toBase64Url(new Uint8Array(15)))).toBeUndefined();
    expect(parseWorkspaceId(toBase64Url(new Uint8Array(17)))).toBeUndefined();
    expect(parseWorkspaceId('AAAAAAAAAAAAAAAAAAAAAB')).toBeUndefined(); // non-zero trailing bits
    expect(parseWorkspaceId(42)).toBeUndefined();
  });
});

describe('room id and relay token', () => {
  it('are stable for one key, distinct from each other and across keys', () => {
    const key = generateWorkspaceKey();
    const room = deriveRoomId(key);
    const token = deriveRelayToken(key);
    expect(deriveRoomId(key)).toBe(room);
    expect(deriveRelayToken(key)).toBe(token);
    expect(room).not.toBe(token);
    expect(fromBase64Url(room)).toHaveLength(32);
    expect(fromBase64Url(token)).toHaveLength(32);
    const other = generateWorkspaceKey();
    expect(deriveRoomId(other)).not.toBe(room);
    expect(deriveRelayToken(other)).not.toBe(token);
  });

  it('match crypto_kdf for a fixed key (pins the contexts and subkey id)', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i) as WorkspaceKey;
    // Computed independently with Python's hashlib: crypto_kdf is BLAKE2b-256 keyed by the key,
    // salt = u64le(subkey id) | 8 zero bytes, personalisation = context | 8 zero bytes.
    expect(deriveRoomId(key)).toBe(ROOM_OF_0_TO_31);
    expect(deriveRelayToken(key)).toBe(TOKEN_OF_0_TO_31);
  });
});

describe('wrapKey / unwrapKey', () => {
  it('round-trips and fails with another vault key or any change', () => {
    const vaultKey = generateVaultKey();
    const key = generateWorkspaceKey();
    const wrapped = wrapKey({ key, vaultKey });
    expect(wrapped).toHaveLength(32 + 24 + 16);
    expect(unwrapKey({ wrapped, vaultKey })).toEqual({ ok: true, key });
    const failed = { ok: false, code: 'UNWRAP_FAILED' };
    expect(unwrapKey({ wrapped, vaultKey: generateVaultKey() })).toEqual(failed);
    for (let index = 0; index < wrapped.length; index += 1) {
      const tampered = wrapped.slice() as WrappedKey;
      tampered[index]! ^= 0x01;
      expect(unwrapKey({ wrapped: tampered, vaultKey })).toEqual(failed);
    }
    for (let length = 0; length < wrapped.length; length += 1) {
      expect(unwrapKey({ wrapped: wrapped.subarray(0, length), vaultKey })).toEqual(failed);
    }
    expect(unwrapKey({ wrapped: 'nope' as unknown as WrappedKey, vaultKey })).toEqual(failed);
  });
});

describe('sealToDevice / openSealedToDevice', () => {
  it('round-trips to the addressed device only', () => {
    const partner = generateDeviceIdentity();
    const stranger = generateDeviceIdentity();
    const message = generateWorkspaceKey();
    const sealed = sealToDevice({ message, publicKey: partner.box.publicKey });
    expect(sealed).toHaveLength(message.length + 48);
    expect(openSealedToDevice({ sealed, keyPair: partner.box })).toEqual({ ok: true, message });
    const failed = { ok: false, code: 'OPEN_FAILED' };
    expect(openSealedToDevice({ sealed, keyPair: stranger.box })).toEqual(failed);
    const tampered = sealed.slice();
    tampered[sealed.length - 1]! ^= 0x80;
    expect(openSealedToDevice({ sealed: tampered, keyPair: partner.box })).toEqual(failed);
    expect(openSealedToDevice({ sealed: sealed.subarray(0, 47), keyPair: partner.box })).toEqual(
      failed,
    );
    const shortKey = { ...partner.box, secretKey: partner.box.secretKey.subarray(0, 31) };
    expect(openSealedToDevice({ sealed, keyPair: shortKey as typeof partner.box })).toEqual(failed);
  });
});

const ROOM_OF_0_TO_31 = 'EqkjWJWAaJ3MSKM7NAJMw8Q9MB6sxHF9H0g5dtdthwc';
const TOKEN_OF_0_TO_31 = 'D-zMimYJEVrZvNNSF3MRUnSMT16sEelir__YeJj8IyQ';
