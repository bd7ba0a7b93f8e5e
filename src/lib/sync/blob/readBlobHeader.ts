import { BlobHeader } from './blobHeader';
import type { BlobErrorCode } from './blobErrors';
import { BLOB_HEADER_BYTES, hasValidBlobLength } from './blobLayout';

/**
 * The header of an untrusted blob, with no crypto: checks version, kind and the blob's overall
 * shape. The header is NOT authenticated until `openBlob` checked the signature; use it only to
 * route or file the blob (by workspace, epoch, device), never to trust it. Never throws.
 *
 * @example
 *   const read = readBlobHeader(bytes);
 *   if (read.ok) console.debug(read.header.kind, read.header.seq);
 */
export function readBlobHeader(
  blob: unknown,
): { ok: true; header: BlobHeader } | { ok: false; code: BlobErrorCode } {
  if (!(blob instanceof Uint8Array)) return { ok: false, code: 'MALFORMED' };
  const decoded = BlobHeader.decode(blob.subarray(0, BLOB_HEADER_BYTES));
  if (!decoded.ok) return decoded;
  if (!hasValidBlobLength(blob.length)) return { ok: false, code: 'MALFORMED' };
  return decoded;
}
