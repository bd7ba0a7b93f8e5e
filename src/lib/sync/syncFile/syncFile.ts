// A sync file carries sealed blobs between devices by any channel (USB stick, mail, chat) when
// there is no network. It needs no encryption of its own: every blob in it is already sealed
// and signed, and the importer checks each one exactly as if it came from the relay.
//
//   "TRLSYNC1" | varstring workspace id | varuint epoch | varuint count | count × varbytes blob
import * as encoding from 'lib0/encoding';
import { parseWorkspaceId, type WorkspaceId } from '$lib/crypto';
import { createByteReader } from '../binary/byteReader';

/** The 8 magic bytes that open every sync file (format version 1). */
export const SYNC_FILE_MAGIC = 'TRLSYNC1';
/** A bound on blobs per file, far above a compacted log, so a hostile file cannot exhaust memory. */
export const MAX_SYNC_FILE_BLOBS = 100_000;

/** Why a sync file could not be read. */
export type SyncFileErrorCode = 'NOT_A_SYNC_FILE' | 'DAMAGED_FILE';

/** A parsed sync file: blobs still untrusted. */
export interface SyncFile {
  workspaceId: WorkspaceId;
  epoch: number;
  blobs: Uint8Array[];
}

/** What `parseSyncFile` read; `damagedTail`: the blobs stop early or bytes follow them. */
export interface ParsedSyncFile {
  ok: true;
  file: SyncFile;
  damagedTail: boolean;
}

const MAGIC_BYTES = new TextEncoder().encode(SYNC_FILE_MAGIC);

/**
 * Encodes a sync file.
 *
 * @example
 *   const bytes = encodeSyncFile({ workspaceId, epoch, blobs });
 */
export function encodeSyncFile(file: SyncFile): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8Array(encoder, MAGIC_BYTES);
  encoding.writeVarString(encoder, file.workspaceId);
  encoding.writeVarUint(encoder, file.epoch);
  encoding.writeVarUint(encoder, file.blobs.length);
  for (const blob of file.blobs) encoding.writeVarUint8Array(encoder, blob);
  return encoding.toUint8Array(encoder);
}

/**
 * Parses untrusted bytes as a sync file: `NOT_A_SYNC_FILE` without the magic bytes,
 * `DAMAGED_FILE` if the header after them (workspace, epoch, count) does not parse. A file
 * damaged further in keeps the blobs read before the damage (each is checked on import anyway)
 * and says so with `damagedTail`.
 *
 * @example
 *   const parsed = parseSyncFile(new Uint8Array(await file.arrayBuffer()));
 *   if (!parsed.ok) showError(parsed.code);
 */
export function parseSyncFile(
  bytes: unknown,
): ParsedSyncFile | { ok: false; code: SyncFileErrorCode } {
  if (!(bytes instanceof Uint8Array)) return { ok: false, code: 'NOT_A_SYNC_FILE' };
  const reader = createByteReader(bytes);
  const magic = reader.bytes(MAGIC_BYTES.length);
  if (!magic || !magic.every((byte, index) => byte === MAGIC_BYTES[index])) {
    return { ok: false, code: 'NOT_A_SYNC_FILE' };
  }
  const damaged = { ok: false, code: 'DAMAGED_FILE' } as const;
  const workspaceId = parseWorkspaceId(reader.varString());
  const epoch = reader.varUint();
  const count = reader.varUint();
  if (!workspaceId || epoch === undefined || epoch > 0xffff_ffff || count === undefined) {
    return damaged;
  }
  if (count > MAX_SYNC_FILE_BLOBS) return damaged;
  const blobs: Uint8Array[] = [];
  let damagedTail = false;
  for (let i = 0; i < count; i += 1) {
    const blob = reader.varBytes();
    if (!blob) {
      damagedTail = true;
      break;
    }
    // A copy: the blob may be kept in the outer doc, and should not pin the whole file.
    blobs.push(blob.slice());
  }
  if (!reader.done()) damagedTail = true;
  return { ok: true, file: { workspaceId, epoch, blobs }, damagedTail };
}
