import { isBytes } from './bytes';
import { BOX_KEY_BYTES, SEAL_OVERHEAD_BYTES } from './sizes';
import { getSodium } from './sodium';
import type { DeviceIdentity } from './types';

/**
 * Opens a message sealed by `sealToDevice` with this device's box key pair. Wrong key, tampered
 * or malformed input give `OPEN_FAILED`; never throws on malformed input.
 *
 * @example
 *   const opened = openSealedToDevice({ sealed, keyPair: me.box });
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function openSealedToDevice(input: {
  sealed: Uint8Array;
  keyPair: DeviceIdentity['box'];
}): { ok: true; message: Uint8Array } | { ok: false; code: 'OPEN_FAILED' } {
  const sodium = getSodium();
  const { sealed, keyPair } = input;
  if (
    !isBytes(sealed) ||
    sealed.length < SEAL_OVERHEAD_BYTES ||
    !isBytes(keyPair.publicKey, BOX_KEY_BYTES) ||
    !isBytes(keyPair.secretKey, BOX_KEY_BYTES)
  ) {
    return { ok: false, code: 'OPEN_FAILED' };
  }
  try {
    return {
      ok: true,
      message: sodium.crypto_box_seal_open(sealed, keyPair.publicKey, keyPair.secretKey),
    };
  } catch {
    return { ok: false, code: 'OPEN_FAILED' };
  }
}
