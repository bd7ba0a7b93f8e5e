// Seal = pad, encrypt with the header as associated data, then sign header | nonce | ciphertext.
// Encrypting the header's bytes as AD binds the ciphertext to its workspace, epoch, kind, device
// and position; signing after encryption lets a receiver reject a forgery from a non-member
// without decrypting it, and proves which device wrote a blob to anyone holding the key.
import type { Brand, DeviceIdentity, WorkspaceKey } from '$lib/crypto';
import { concatBytes, encryptAead, padPlaintext, signDetached } from '$lib/crypto';
import { BlobHeader, blobSignatureDomain, InvalidBlobHeaderError } from './blobHeader';
import { BLOB_PAD_BLOCK } from './blobLayout';

/** A blob as it travels and rests: header | nonce | ciphertext | signature. */
export type SealedBlob = Brand<Uint8Array, 'SealedBlob'>;

/**
 * Seals `payload` (an update, a snapshot or an awareness state) into one blob.
 *
 * @example
 *   const blob = sealBlob({
 *     header: { version: 1, kind: 'update', workspaceId, epoch, deviceId: me.deviceId, seq },
 *     payload: Y.mergeUpdates(pending),
 *     key: epochKey,
 *     identity: me,
 *   });
 * @throws InvalidBlobHeaderError if the header is invalid or names another device than
 *   `identity`; CryptoNotReadyError before `readyCrypto()`; an Error if the key is not 32 bytes.
 */
export function sealBlob(input: {
  header: BlobHeader;
  payload: Uint8Array;
  key: WorkspaceKey;
  identity: DeviceIdentity;
}): SealedBlob {
  const { header, payload, key, identity } = input;
  if (header.deviceId !== identity.deviceId) {
    throw new InvalidBlobHeaderError('the header must name the signing device');
  }
  const headerBytes = BlobHeader.encode(header);
  const { nonce, ciphertext } = encryptAead({
    plaintext: padPlaintext(payload, BLOB_PAD_BLOCK),
    associatedData: headerBytes,
    key,
  });
  const signed = concatBytes([headerBytes, nonce, ciphertext]);
  const signature = signDetached({
    message: signed,
    domain: blobSignatureDomain(header.kind),
    secretKey: identity.signing.secretKey,
  });
  return concatBytes([signed, signature]) as SealedBlob;
}
