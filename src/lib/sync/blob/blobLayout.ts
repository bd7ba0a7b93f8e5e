// The one versioned binary layout of Trellis (docs/PROTOCOL.md is its reference):
//
//   header(58) | nonce(24) | ciphertext(16 + 256·n, n ≥ 1) | signature(64)
//
// Every field has a fixed size, so a blob has exactly one valid parse and the parser needs no
// varint rules (a varint would admit non-minimal spellings of the same number).
import {
  AEAD_NONCE_BYTES,
  AEAD_TAG_BYTES,
  SIGNATURE_BYTES,
  SIGNING_PUBLIC_KEY_BYTES,
  WORKSPACE_ID_BYTES,
} from '$lib/crypto';

/** The only layout version this code reads and writes. */
export const BLOB_VERSION = 1;

/** Byte offsets and sizes of the header fields. */
export const HEADER_FIELDS = {
  version: { offset: 0, bytes: 1 },
  kind: { offset: 1, bytes: 1 },
  workspaceId: { offset: 2, bytes: WORKSPACE_ID_BYTES },
  epoch: { offset: 18, bytes: 4 },
  deviceId: { offset: 22, bytes: SIGNING_PUBLIC_KEY_BYTES },
  seq: { offset: 54, bytes: 4 },
} as const;

/** Bytes in an encoded header. */
export const BLOB_HEADER_BYTES = 58;

/** The padding block of every blob plaintext: its length is hidden to a multiple of this. */
export const BLOB_PAD_BLOCK = 256;

/** Bytes a blob adds around its padded plaintext: header, nonce, tag and signature. */
export const BLOB_OVERHEAD_BYTES =
  BLOB_HEADER_BYTES + AEAD_NONCE_BYTES + AEAD_TAG_BYTES + SIGNATURE_BYTES;

/** The shortest valid blob: one padding block of plaintext. */
export const BLOB_MIN_BYTES = BLOB_OVERHEAD_BYTES + BLOB_PAD_BLOCK;

/**
 * Whether a blob of `length` bytes has a ciphertext that padding could have produced
 * (a tag plus a positive number of whole blocks).
 *
 * @example
 *   hasValidBlobLength(blob.length); // false for a truncated or extended blob
 */
export function hasValidBlobLength(length: number): boolean {
  const padded = length - BLOB_OVERHEAD_BYTES;
  return padded >= BLOB_PAD_BLOCK && padded % BLOB_PAD_BLOCK === 0;
}
