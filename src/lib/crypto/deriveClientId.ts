// Each device owns the Yjs client ids it writes with, and a receiver can check that ownership
// from the signed device id alone: the ids are a hash of the device id and an incarnation
// counter (a new incarnation per fresh Y.Doc load, so a device never reuses a client id with an
// old clock). 31 bits keep the id a positive small integer in V8 and in lib0's varuint encoding.
import { concatBytes, utf8 } from './bytes';
import { hashBytes } from './hashBytes';
import type { DeviceId } from './types';

const PREFIX = utf8('trellis/yjs-client/v1');

/**
 * The Yjs client id of `deviceId`'s incarnation `incarnation` (a uint32): the first 4 bytes of
 * BLAKE2b-256("trellis/yjs-client/v1" | UTF-8 deviceId | u32be incarnation), read big-endian,
 * shifted right by one; a result of 0 becomes 1.
 *
 * @example
 *   doc.clientID = deriveClientId(me.deviceId, incarnation);
 * @throws CryptoNotReadyError before `readyCrypto()`; RangeError if incarnation is not a uint32.
 */
export function deriveClientId(deviceId: DeviceId, incarnation: number): number {
  if (!Number.isInteger(incarnation) || incarnation < 0 || incarnation > 0xffff_ffff) {
    throw new RangeError(`deriveClientId: incarnation must be a uint32, got ${incarnation}`);
  }
  const counter = new Uint8Array(4);
  new DataView(counter.buffer).setUint32(0, incarnation);
  const digest = hashBytes(concatBytes([PREFIX, utf8(deviceId), counter]), 32);
  const id = new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0) >>> 1;
  // 0 is never produced by Y.Doc; the mapping keeps that promise (probability 2^-31).
  return id === 0 ? 1 : id;
}
