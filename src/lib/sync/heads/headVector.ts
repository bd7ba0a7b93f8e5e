// A head vector says how far its signer had got when it sealed a blob: its epoch and, per
// device, the highest seq of that device it had applied in order (its own entry: the seq of the
// blob carrying the vector). It travels inside the sealed, signed payload, so only the signer
// can write it; receivers compare vectors to show "your partner has your changes up to …" and
// to notice a device that went back to an older state (see noteHeads.ts).
//
// Bytes: `u32be epoch | varuint n (≤ 64) | n × (32-byte device id | varuint seq)`, entries in
// ascending order of the device id's bytes, each device once, every seq in 1..2^32−1. One vector
// has exactly one spelling, so two honest devices never disagree about what a vector says.
import * as encoding from 'lib0/encoding';
import { deviceIdOf, publicKeyOfDevice, type DeviceId, type SigningPublicKey } from '$lib/crypto';
import type { ByteReader } from '../binary/byteReader';
import { compareChainHashes } from '../membership/compareChainHashes';

/** What a blob's signer had applied when it sealed the blob. */
export interface HeadVector {
  /** The signer's epoch. */
  epoch: number;
  /** Per device, the highest seq applied in order; the signer's own: the blob's seq. */
  seqs: ReadonlyMap<DeviceId, number>;
}

/** A pair has two people with a few devices each; more entries than this is not a vector. */
export const MAX_HEAD_ENTRIES = 64;
const MAX_U32 = 0xffff_ffff;
const DEVICE_ID_BYTES = 32;

/**
 * Appends `heads` to `encoder`, its entries sorted by device id bytes. Entries at 0 are left
 * out (they say nothing).
 *
 * @example
 *   writeHeadVector(encoder, { epoch: 2, seqs: new Map([[me, 7]]) });
 * @throws RangeError for a vector no reader would accept (a broken invariant of the sealer).
 */
export function writeHeadVector(encoder: encoding.Encoder, heads: HeadVector): void {
  const entries = [...heads.seqs].filter(([, seq]) => seq > 0);
  entries.sort(([a], [b]) => compareChainHashes(a, b));
  if (!isU32(heads.epoch) || entries.length > MAX_HEAD_ENTRIES) {
    throw new RangeError('writeHeadVector: epoch or entry count out of range');
  }
  encoding.writeUint32BigEndian(encoder, heads.epoch);
  encoding.writeVarUint(encoder, entries.length);
  for (const [deviceId, seq] of entries) {
    const publicKey = publicKeyOfDevice(deviceId);
    if (!publicKey || !isU32(seq)) throw new RangeError('writeHeadVector: bad entry');
    encoding.writeUint8Array(encoder, publicKey);
    encoding.writeVarUint(encoder, seq);
  }
}

/**
 * Reads a head vector from untrusted bytes; `undefined` if anything is off (truncated, too many
 * entries, out of order or repeated devices, a seq of 0 or past 2^32 − 1).
 *
 * @example
 *   const heads = readHeadVector(reader);
 *   if (!heads) return { ok: false, code: 'BAD_UPDATE' };
 */
export function readHeadVector(reader: ByteReader): HeadVector | undefined {
  const epochBytes = reader.bytes(4);
  const count = reader.varUint();
  if (!epochBytes || count === undefined || count > MAX_HEAD_ENTRIES) return undefined;
  const epoch = new DataView(epochBytes.buffer, epochBytes.byteOffset, 4).getUint32(0, false);
  const seqs = new Map<DeviceId, number>();
  let previous: DeviceId | undefined;
  for (let index = 0; index < count; index += 1) {
    const raw = reader.bytes(DEVICE_ID_BYTES);
    const seq = reader.varUint();
    if (!raw || seq === undefined || seq === 0 || !isU32(seq)) return undefined;
    const deviceId = deviceIdOf(raw.slice() as SigningPublicKey);
    // Strictly ascending: sorted, and no device twice.
    if (previous !== undefined && compareChainHashes(previous, deviceId) >= 0) return undefined;
    seqs.set(deviceId, seq);
    previous = deviceId;
  }
  return { epoch, seqs };
}

/**
 * Whether a decoded vector fits the blob carrying it: the signer's own entry is the blob's seq,
 * and its epoch is not below the blob's (a device seals only in its current epoch's room).
 *
 * @example
 *   if (heads && !headsFitBlob(heads, opened.header)) return { ok: false, code: 'BAD_UPDATE' };
 */
export function headsFitBlob(
  heads: HeadVector,
  header: { deviceId: DeviceId; seq: number; epoch: number },
): boolean {
  return heads.seqs.get(header.deviceId) === header.seq && heads.epoch >= header.epoch;
}

const isU32 = (value: number) => Number.isInteger(value) && value >= 0 && value <= MAX_U32;

/** Payloads from FORMAT 2 on start with the head vector; FORMAT 1 is still read, never written. */
const FORMAT = 2;
const FORMAT_WITHOUT_HEADS = 1;

/**
 * Writes the payload format number and `heads`: how every update and snapshot payload sealed
 * now begins.
 *
 * @example
 *   writeFormatAndHeads(encoder, heads);
 */
export function writeFormatAndHeads(encoder: encoding.Encoder, heads: HeadVector): void {
  encoding.writeVarUint(encoder, FORMAT);
  writeHeadVector(encoder, heads);
}

/**
 * Reads a payload's format number and, for FORMAT 2, the head vector after it: `{}` for FORMAT 1
 * (no vector), `undefined` for any other format or a malformed vector.
 *
 * @example
 *   const start = readFormatAndHeads(reader);
 *   if (!start) return { ok: false, code: 'BAD_UPDATE' };
 */
export function readFormatAndHeads(reader: ByteReader): { vector?: HeadVector } | undefined {
  const format = reader.varUint();
  if (format === FORMAT_WITHOUT_HEADS) return {};
  if (format !== FORMAT) return undefined;
  const vector = readHeadVector(reader);
  return vector ? { vector } : undefined;
}
