// The sealed-blob format: the one versioned binary layout Trellis writes (docs/PROTOCOL.md).
export {
  BLOB_HEADER_BYTES,
  BLOB_MIN_BYTES,
  BLOB_OVERHEAD_BYTES,
  BLOB_PAD_BLOCK,
  BLOB_VERSION,
  HEADER_FIELDS,
  hasValidBlobLength,
} from './blobLayout';
export { BLOB_ERROR_CODES, type BlobErrorCode } from './blobErrors';
export {
  BlobHeader,
  blobSignatureDomain,
  InvalidBlobHeaderError,
  type BlobKind,
} from './blobHeader';
export { readBlobHeader } from './readBlobHeader';
export { sealBlob, type SealedBlob } from './sealBlob';
export { openBlob, type OpenBlobResult } from './openBlob';
