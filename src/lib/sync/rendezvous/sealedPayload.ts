// What crosses a rendezvous to one device (a device-link bundle, an invite's grant bundle) is
// sealed to that device's box key, and its plaintext, which holds keys, is wiped as soon as it
// is sealed or parsed, so no copy lingers in a buffer.
import {
  openSealedToDevice,
  sealToDevice,
  type BoxPublicKey,
  type DeviceIdentity,
} from '$lib/crypto';

/**
 * `plaintext` sealed (crypto_box_seal) to `to`; `plaintext` is zeroed afterwards.
 *
 * @example
 *   const sealed = sealAndWipe(encodeGrantBundle(bundle), request.boxPublicKey);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function sealAndWipe(plaintext: Uint8Array, to: BoxPublicKey): Uint8Array {
  try {
    return sealToDevice({ message: plaintext, publicKey: to });
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Opens `sealed` with the box key pair and parses it; the opened plaintext is zeroed afterwards,
 * so `parse` must return copies. `undefined` if it was sealed to another key, was tampered with,
 * or does not parse. Never throws on malformed input.
 *
 * @example
 *   const bundle = openAndParse(grant.sealed, device.box, parseGrantBundle);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function openAndParse<Parsed>(
  sealed: Uint8Array,
  keyPair: DeviceIdentity['box'],
  parse: (plaintext: Uint8Array) => Parsed | undefined,
): Parsed | undefined {
  const opened = openSealedToDevice({ sealed, keyPair });
  if (!opened.ok) return undefined;
  try {
    return parse(opened.message);
  } finally {
    opened.message.fill(0);
  }
}
