// A copy of a blob that failed the checks no honest transport can fail (it does not parse, names
// another workspace or epoch, or its signature is wrong) is taken for damaged on its way here or
// at rest, not for what its author wrote. Yjs never fetches an item id it already holds, so such
// a copy would block its device's later blobs for good; each one is remembered by its item id
// until an intact copy of the same item arrives.
import * as Y from 'yjs';
import type { BlobErrorCode } from '../blob';

/** A set-aside copy: the outer-doc item that held it, and the hash of the bytes that failed. */
export interface DamagedCopy {
  client: number;
  clock: number;
  /** `blobHashOf` the damaged bytes (its quarantine entry). */
  badHash: string;
  /** How often the relay was asked for it, and whether any copy of the item ever came back. */
  asks: number;
  answered: boolean;
}

/**
 * Asked for this often with no copy of its item ever coming back, a set-aside copy is given up:
 * the relay never had that item (damage can also forge an item id), so nothing can heal it.
 */
export const MAX_UNANSWERED_ASKS = 5;

/**
 * Whether a blob refused for `code` may be an intact blob damaged in transit. Codes found after
 * the signature verified (decryption, padding, seq, client ids, payload) are what the author
 * signed: asking again would bring the same bytes. `UNKNOWN_DEVICE` is included (a flipped
 * device id) but its bytes are kept, since the device may yet be admitted.
 *
 * @example
 *   isDamageCode('BAD_SIGNATURE'); // true
 */
export function isDamageCode(code: string | undefined): boolean {
  return DAMAGE_CODES.has(code ?? '');
}

const DAMAGE_CODES = new Set<string>([
  'MALFORMED',
  'BAD_VERSION',
  'BAD_KIND',
  'WRONG_WORKSPACE',
  'WRONG_EPOCH',
  'UNKNOWN_DEVICE',
  'BAD_SIGNATURE',
] satisfies BlobErrorCode[]);

/**
 * The key of an item id in `EpochRoom.damaged`.
 *
 * @example
 *   copyKey(item.id.client, item.id.clock + index); // '123456:42'
 */
export function copyKey(client: number, clock: number): string {
  return `${client}:${clock}`;
}

/**
 * The live item of the outer doc holding `copy`, or undefined once it was deleted (compacted:
 * nothing needs it any more) or is not there.
 *
 * @example
 *   const item = itemOfCopy(room.outerDoc, copy);
 */
export function itemOfCopy(outerDoc: Y.Doc, copy: DamagedCopy): Y.Item | undefined {
  if (Y.getState(outerDoc.store, copy.client) <= copy.clock) return undefined;
  const struct = Y.getItem(outerDoc.store, Y.createID(copy.client, copy.clock));
  return struct instanceof Y.Item && !struct.deleted ? struct : undefined;
}
