// One entry of a rendezvous room: nonce(24) | XChaCha20-Poly1305(message) under the rendezvous
// key, with a fixed associated data string. The key comes from the link's secret only, so an
// entry opens only for holders of that secret; the relay sees random-looking bytes of the
// message's length plus 40.
import {
  AEAD_NONCE_BYTES,
  AEAD_TAG_BYTES,
  concatBytes,
  decryptAead,
  encryptAead,
  isBytes,
} from '$lib/crypto';

/** The associated data of every rendezvous entry. */
export const RENDEZVOUS_ASSOCIATED_DATA = new TextEncoder().encode('trellis/rendezvous/v1\0');

/** Most bytes in one entry; larger ones are ignored unread. */
export const MAX_RENDEZVOUS_ENTRY_BYTES = 256 * 1024;

/** Most bytes in one message: what still fits an entry. */
export const MAX_RENDEZVOUS_MESSAGE_BYTES =
  MAX_RENDEZVOUS_ENTRY_BYTES - AEAD_NONCE_BYTES - AEAD_TAG_BYTES;

/**
 * Encrypts `message` into a rendezvous entry under `key` (from `deriveRendezvousKey`).
 *
 * @example
 *   messages.push([sealRendezvousEntry({ key, message })]);
 * @throws RangeError on a message over `MAX_RENDEZVOUS_MESSAGE_BYTES`; CryptoNotReadyError
 *   before `readyCrypto()`.
 */
export function sealRendezvousEntry(input: { key: Uint8Array; message: Uint8Array }): Uint8Array {
  if (!isBytes(input.message) || input.message.length > MAX_RENDEZVOUS_MESSAGE_BYTES) {
    throw new RangeError('sealRendezvousEntry: message must be bytes, at most 256 KiB');
  }
  const { nonce, ciphertext } = encryptAead({
    plaintext: input.message,
    associatedData: RENDEZVOUS_ASSOCIATED_DATA,
    key: input.key,
  });
  return concatBytes([nonce, ciphertext]);
}

/**
 * Opens an untrusted entry; `undefined` if it is not bytes, too large, or fails authentication.
 * Never throws on malformed input.
 *
 * @example
 *   const message = openRendezvousEntry({ key, entry });
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function openRendezvousEntry(input: {
  key: Uint8Array;
  entry: unknown;
}): Uint8Array | undefined {
  const { entry, key } = input;
  if (!isBytes(entry) || entry.length > MAX_RENDEZVOUS_ENTRY_BYTES) return undefined;
  if (entry.length < AEAD_NONCE_BYTES + AEAD_TAG_BYTES) return undefined;
  const opened = decryptAead({
    nonce: entry.subarray(0, AEAD_NONCE_BYTES),
    ciphertext: entry.subarray(AEAD_NONCE_BYTES),
    associatedData: RENDEZVOUS_ASSOCIATED_DATA,
    key,
  });
  return opened.ok ? opened.plaintext : undefined;
}
