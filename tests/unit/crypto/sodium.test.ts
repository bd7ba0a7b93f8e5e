import { describe, expect, it } from 'vitest';
// Each vitest file gets fresh modules, so libsodium is not loaded yet when this file starts.
import {
  CryptoNotReadyError,
  decryptAead,
  deriveRoomId,
  generateDeviceIdentity,
  generateWorkspaceKey,
  hashBytes,
  isCryptoReady,
  readyCrypto,
  verifyDetached,
} from '$lib/crypto';

describe('readyCrypto', () => {
  it('refuses to run crypto before libsodium is loaded, with a named error', () => {
    expect(isCryptoReady()).toBe(false);
    expect(() => generateDeviceIdentity()).toThrow(CryptoNotReadyError);
    expect(() => hashBytes(new Uint8Array(1))).toThrow(CryptoNotReadyError);
    expect(() => deriveRoomId(generateWorkspaceKey())).toThrow(CryptoNotReadyError);
    // Even the never-throwing functions throw here: calling them early is a programming error.
    expect(() =>
      decryptAead({
        ciphertext: new Uint8Array(16),
        nonce: new Uint8Array(24),
        associatedData: new Uint8Array(0),
        key: new Uint8Array(32),
      }),
    ).toThrow(CryptoNotReadyError);
    const error = new CryptoNotReadyError();
    expect(error.name).toBe('CryptoNotReadyError');
    expect(error).toBeInstanceOf(Error);
  });

  it('loads once and is idempotent under concurrent calls', async () => {
    await Promise.all([readyCrypto(), readyCrypto(), readyCrypto()]);
    await readyCrypto();
    expect(isCryptoReady()).toBe(true);
    const identity = generateDeviceIdentity();
    expect(identity.signing.publicKey).toHaveLength(32);
    expect(
      verifyDetached({
        signature: new Uint8Array(64),
        message: new Uint8Array(0),
        domain: 'invite',
        publicKey: identity.signing.publicKey,
      }),
    ).toBe(false);
  });
});
