import { hashBytes, toBase64Url } from '$lib/crypto';

/**
 * The name of a record: base64url (43 characters) of BLAKE2b-256 of its whole bytes.
 *
 * @example
 *   chainRecordHash(record.bytes) === record.hash; // true
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function chainRecordHash(bytes: Uint8Array): string {
  return toBase64Url(hashBytes(bytes, 32));
}
