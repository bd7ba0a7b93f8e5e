// The plaintext of an update blob: the Yjs update, the incarnations whose client ids it writes
// with, and (from FORMAT 2) the sender's head vector. Naming the incarnations lets a receiver
// check client-id ownership with a few hashes, however many times the sender has opened the
// workspace; guessing them (trying incarnations up to some bound) would wrongly reject a device
// that has restarted more often than the bound since the receiver last heard from it.
import * as encoding from 'lib0/encoding';
import { createByteReader } from '../binary/byteReader';
import { readFormatAndHeads, writeFormatAndHeads, type HeadVector } from '../heads/headVector';

/** The decoded plaintext of an update blob. */
export interface UpdatePayload {
  /** Incarnations of the sending device whose client ids the update uses. */
  incarnations: number[];
  /** A Yjs update (v1 encoding). */
  update: Uint8Array;
  /** What the sender had applied when it sealed this; absent in FORMAT-1 (pre-release) blobs. */
  heads?: HeadVector;
}

/** More would mean a device batched work from dozens of restarts into one blob: refuse it. */
export const MAX_INCARNATIONS_PER_UPDATE = 64;

/**
 * Encodes an update blob's plaintext (always FORMAT 2, with the head vector).
 *
 * @example
 *   const payload = encodeUpdatePayload({ incarnations: [7], update, heads: headsToSeal(ctx, seq) });
 */
export function encodeUpdatePayload(payload: Required<UpdatePayload>): Uint8Array {
  const encoder = encoding.createEncoder();
  writeFormatAndHeads(encoder, payload.heads);
  encoding.writeVarUint(encoder, payload.incarnations.length);
  for (const incarnation of payload.incarnations) encoding.writeVarUint(encoder, incarnation);
  encoding.writeVarUint8Array(encoder, payload.update);
  return encoding.toUint8Array(encoder);
}

/**
 * Parses an update blob's (decrypted, still untrusted) plaintext, FORMAT 1 or 2.
 *
 * @example
 *   const decoded = decodeUpdatePayload(opened.payload);
 *   if (!decoded.ok) quarantine('BAD_UPDATE');
 */
export function decodeUpdatePayload(
  bytes: Uint8Array,
): { ok: true; payload: UpdatePayload } | { ok: false; code: 'BAD_UPDATE' } {
  const bad = { ok: false, code: 'BAD_UPDATE' } as const;
  const reader = createByteReader(bytes);
  const heads = readFormatAndHeads(reader);
  if (!heads) return bad;
  const count = reader.varUint();
  if (count === undefined || count > MAX_INCARNATIONS_PER_UPDATE) return bad;
  const incarnations: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const incarnation = reader.varUint();
    if (incarnation === undefined || incarnation > 0xffff_ffff) return bad;
    incarnations.push(incarnation);
  }
  const update = reader.varBytes();
  if (!update || !reader.done()) return bad;
  const payload = { incarnations, update, ...(heads.vector ? { heads: heads.vector } : {}) };
  return { ok: true, payload };
}
