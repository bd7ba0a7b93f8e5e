// The public header of a blob. It travels in clear (the relay may read it), is the AEAD
// associated data, and is covered by the signature, so every field is authenticated. The type
// `BlobHeader` and the codec `BlobHeader` share one name: the schema is the type's parser.
import {
  deviceIdOf,
  fromBase64Url,
  publicKeyOfDevice,
  toBase64Url,
  WORKSPACE_ID_BYTES,
  type DeviceId,
  type SigningPublicKey,
  type WorkspaceId,
} from '$lib/crypto';
import { BLOB_HEADER_BYTES, BLOB_VERSION, HEADER_FIELDS } from './blobLayout';

/** What a blob carries. */
export type BlobKind = 'update' | 'snapshot' | 'awareness';

/** The kind byte of each kind; 0 and 4–255 are invalid. */
const KIND_BYTE = { update: 1, snapshot: 2, awareness: 3 } as const satisfies Record<
  BlobKind,
  number
>;
const KIND_OF_BYTE = new Map<number, BlobKind>(
  Object.entries(KIND_BYTE).map(([kind, byte]) => [byte, kind as BlobKind]),
);

/** The decoded header of a blob. */
export interface BlobHeader {
  version: 1;
  kind: BlobKind;
  workspaceId: WorkspaceId;
  /** uint32 */
  epoch: number;
  deviceId: DeviceId;
  /** uint32, per device */
  seq: number;
}

/** A header that cannot be encoded: a programming error in the caller, not bad input. */
export class InvalidBlobHeaderError extends Error {
  override readonly name = 'InvalidBlobHeaderError';
}

const isUint32 = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;

function encode(header: BlobHeader): Uint8Array {
  const workspace = fromBase64Url(header.workspaceId);
  const device = publicKeyOfDevice(header.deviceId);
  // `hasOwn`: an inherited name such as 'toString' is not a kind.
  const kindByte = Object.hasOwn(KIND_BYTE, header.kind) ? KIND_BYTE[header.kind] : undefined;
  if (header.version !== BLOB_VERSION) throw new InvalidBlobHeaderError('version must be 1');
  if (kindByte === undefined) throw new InvalidBlobHeaderError('unknown kind');
  if (workspace?.length !== WORKSPACE_ID_BYTES) {
    throw new InvalidBlobHeaderError('workspaceId must be base64url of 16 bytes');
  }
  if (!device) throw new InvalidBlobHeaderError('deviceId must be base64url of 32 bytes');
  if (!isUint32(header.epoch)) throw new InvalidBlobHeaderError('epoch must be a uint32');
  if (!isUint32(header.seq)) throw new InvalidBlobHeaderError('seq must be a uint32');
  const bytes = new Uint8Array(BLOB_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes[HEADER_FIELDS.version.offset] = BLOB_VERSION;
  bytes[HEADER_FIELDS.kind.offset] = kindByte;
  bytes.set(workspace, HEADER_FIELDS.workspaceId.offset);
  view.setUint32(HEADER_FIELDS.epoch.offset, header.epoch);
  bytes.set(device, HEADER_FIELDS.deviceId.offset);
  view.setUint32(HEADER_FIELDS.seq.offset, header.seq);
  return bytes;
}

type DecodeResult =
  { ok: true; header: BlobHeader } | { ok: false; code: 'MALFORMED' | 'BAD_VERSION' | 'BAD_KIND' };

function decode(bytes: unknown): DecodeResult {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return { ok: false, code: 'MALFORMED' };
  // Version first: a future version may have another length, and should say so.
  if (bytes[HEADER_FIELDS.version.offset] !== BLOB_VERSION) {
    return { ok: false, code: 'BAD_VERSION' };
  }
  if (bytes.length <= HEADER_FIELDS.kind.offset) return { ok: false, code: 'MALFORMED' };
  const kind = KIND_OF_BYTE.get(bytes[HEADER_FIELDS.kind.offset]!);
  if (!kind) return { ok: false, code: 'BAD_KIND' };
  if (bytes.length !== BLOB_HEADER_BYTES) return { ok: false, code: 'MALFORMED' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const field = (name: keyof typeof HEADER_FIELDS) =>
    bytes.subarray(
      HEADER_FIELDS[name].offset,
      HEADER_FIELDS[name].offset + HEADER_FIELDS[name].bytes,
    );
  return {
    ok: true,
    header: {
      version: BLOB_VERSION,
      kind,
      workspaceId: toBase64Url(field('workspaceId')) as WorkspaceId,
      epoch: view.getUint32(HEADER_FIELDS.epoch.offset),
      deviceId: deviceIdOf(field('deviceId') as SigningPublicKey),
      seq: view.getUint32(HEADER_FIELDS.seq.offset),
    },
  };
}

/**
 * The header codec: `encode` writes the 58-byte layout (throws `InvalidBlobHeaderError` on a
 * header that breaks its own type), `decode` parses exactly 58 untrusted bytes (never throws).
 *
 * @example
 *   const bytes = BlobHeader.encode({ version: 1, kind: 'update', workspaceId, epoch: 0, deviceId, seq: 7 });
 *   const parsed = BlobHeader.decode(bytes); // { ok: true, header: { … } }
 */
export const BlobHeader = {
  byteLength: BLOB_HEADER_BYTES,
  encode,
  decode,
} as const;

/**
 * The signature domain of a blob kind.
 *
 * @example
 *   blobSignatureDomain('snapshot'); // 'blob/snapshot'
 */
export function blobSignatureDomain(kind: BlobKind): `blob/${BlobKind}` {
  return `blob/${kind}`;
}
