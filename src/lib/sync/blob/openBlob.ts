// Opening runs the cheap, key-free checks first and the signature before decryption, so a blob
// from a non-member or a forger costs one Ed25519 verification and never reaches the AEAD or
// the padding code. Stateless: seq order and client-id ownership belong to the sync engine.
import type { DeviceId, SigningPublicKey, WorkspaceId, WorkspaceKey } from '$lib/crypto';
import {
  AEAD_NONCE_BYTES,
  decryptAead,
  SIGNATURE_BYTES,
  unpadPlaintext,
  verifyDetached,
} from '$lib/crypto';
import { blobSignatureDomain, type BlobHeader } from './blobHeader';
import type { BlobErrorCode } from './blobErrors';
import { BLOB_HEADER_BYTES, BLOB_PAD_BLOCK, HEADER_FIELDS } from './blobLayout';
import { readBlobHeader } from './readBlobHeader';

/** The outcome of `openBlob`; a failure after parsing carries the (unauthenticated) header. */
export type OpenBlobResult =
  | { ok: true; header: BlobHeader; payload: Uint8Array }
  | { ok: false; code: BlobErrorCode; header?: BlobHeader };

/**
 * Verifies and decrypts an untrusted blob. Checks, in order: parse (MALFORMED, BAD_VERSION,
 * BAD_KIND), workspace, a key for the epoch, a known device, the signature, decryption,
 * padding. Never throws on any blob.
 *
 * @example
 *   const opened = openBlob({
 *     blob,
 *     workspaceId,
 *     keyForEpoch: (epoch) => keys.get(epoch),
 *     isKnownDevice: (id) => members.has(id),
 *   });
 *   if (opened.ok) Y.applyUpdate(inner, opened.payload);
 * @throws CryptoNotReadyError before `readyCrypto()`; whatever the callbacks throw.
 */
export function openBlob(input: {
  blob: unknown;
  workspaceId: WorkspaceId;
  keyForEpoch: (epoch: number) => WorkspaceKey | undefined;
  isKnownDevice: (deviceId: DeviceId) => boolean;
}): OpenBlobResult {
  const { blob, workspaceId, keyForEpoch, isKnownDevice } = input;
  if (!(blob instanceof Uint8Array)) return { ok: false, code: 'MALFORMED' };
  const read = readBlobHeader(blob);
  if (!read.ok) return read;
  const { header } = read;
  const fail = (code: BlobErrorCode): OpenBlobResult => ({ ok: false, code, header });

  if (header.workspaceId !== workspaceId) return fail('WRONG_WORKSPACE');
  const key = keyForEpoch(header.epoch);
  if (key === undefined) return fail('WRONG_EPOCH');
  if (!isKnownDevice(header.deviceId)) return fail('UNKNOWN_DEVICE');

  const signedEnd = blob.length - SIGNATURE_BYTES;
  const device = HEADER_FIELDS.deviceId;
  const verified = verifyDetached({
    signature: blob.subarray(signedEnd),
    message: blob.subarray(0, signedEnd),
    domain: blobSignatureDomain(header.kind),
    publicKey: blob.subarray(device.offset, device.offset + device.bytes) as SigningPublicKey,
  });
  if (!verified) return fail('BAD_SIGNATURE');

  const nonceEnd = BLOB_HEADER_BYTES + AEAD_NONCE_BYTES;
  const decrypted = decryptAead({
    associatedData: blob.subarray(0, BLOB_HEADER_BYTES),
    nonce: blob.subarray(BLOB_HEADER_BYTES, nonceEnd),
    ciphertext: blob.subarray(nonceEnd, signedEnd),
    key,
  });
  if (!decrypted.ok) return fail('DECRYPT_FAILED');

  const unpadded = unpadPlaintext(decrypted.plaintext, BLOB_PAD_BLOCK);
  if (!unpadded.ok) return fail('BAD_PADDING');
  return { ok: true, header, payload: unpadded.data };
}
