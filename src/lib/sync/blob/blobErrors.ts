// Every way a blob can be refused, in one union (documented in docs/PROTOCOL.md). The first nine
// are found by `openBlob` from the bytes alone; the last five need the engine's per-device state.

/** Why a blob was refused. */
export type BlobErrorCode =
  /** Not a blob: not bytes, too short, too long, or a ciphertext length padding cannot produce. */
  | 'MALFORMED'
  /** The version byte is not 1. */
  | 'BAD_VERSION'
  /** The kind byte is not 1 (update), 2 (snapshot) or 3 (awareness). */
  | 'BAD_KIND'
  /** The header names another workspace than the one being opened. */
  | 'WRONG_WORKSPACE'
  /** No key is held for the header's epoch. */
  | 'WRONG_EPOCH'
  /** The header's device is not a member of the workspace. */
  | 'UNKNOWN_DEVICE'
  /** The signature is not the header device's over header | nonce | ciphertext for this kind. */
  | 'BAD_SIGNATURE'
  /** Signed by a member, but the ciphertext does not open under the epoch key and header. */
  | 'DECRYPT_FAILED'
  /** Decrypted, but the plaintext does not end in valid ISO/IEC 7816-4 padding. */
  | 'BAD_PADDING'
  /** The device's seq was already applied (a replay or a redelivery); dropped silently. */
  | 'DUPLICATE'
  /** The device's seq skips numbers; held until the missing blobs arrive, and reported. */
  | 'SEQ_GAP'
  /** The update writes with a Yjs client id that the signing device does not own. */
  | 'FOREIGN_CLIENT_ID'
  /** The payload is not a Yjs update (or snapshot) the engine can parse and apply. */
  | 'BAD_UPDATE'
  /**
   * A snapshot's manifest said it held a device's blob that, when the blob itself came, added
   * content the snapshot did not hold: the blob is applied, the snapshot reported.
   */
  | 'FALSE_MANIFEST';

/** Every code, in check order; lets tests and the UI enumerate them. */
export const BLOB_ERROR_CODES = [
  'MALFORMED',
  'BAD_VERSION',
  'BAD_KIND',
  'WRONG_WORKSPACE',
  'WRONG_EPOCH',
  'UNKNOWN_DEVICE',
  'BAD_SIGNATURE',
  'DECRYPT_FAILED',
  'BAD_PADDING',
  'DUPLICATE',
  'SEQ_GAP',
  'FOREIGN_CLIENT_ID',
  'BAD_UPDATE',
  'FALSE_MANIFEST',
] as const satisfies readonly BlobErrorCode[];
