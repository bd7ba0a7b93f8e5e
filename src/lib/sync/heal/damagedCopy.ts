// A copy of a blob that failed the checks no honest transport can fail (it does not parse, names
// another workspace or epoch, or its signature is wrong) is taken for damaged on its way here or
// at rest, not for what its author wrote. Yjs never fetches an item id it already holds, so such
// a copy would block its device's later blobs for good; each one is remembered by its item id
// until an intact copy of the same item arrives.
import * as Y from 'yjs';
import { BLOB_ERROR_CODES } from '../blob';

/** A set-aside copy: the outer-doc item that held it, and the hash of the bytes that failed. */
export interface DamagedCopy {
  client: number;
  clock: number;
  /** `blobHashOf` the damaged bytes (its quarantine entry). */
  badHash: string;
  /** How often the relay was asked for it, and how many copies came back that did not open. */
  asks: number;
  badAnswers: number;
  /**
   * No longer asked for: its item never came back in `MAX_ASKS` asks (damage can forge an item
   * id too), or every copy that came was bad. Still never served, still quarantined.
   */
  gaveUp: boolean;
}

/** Asks, or bad answers, after which a set-aside copy is given up (see `DamagedCopy.gaveUp`). */
export const MAX_ASKS = 5;

/**
 * How many set-aside copies are still being healed (the status shows it).
 *
 * @example
 *   ctx.status.update({ healing: healingCount(room.damaged) });
 */
export function healingCount(damaged: ReadonlyMap<string, DamagedCopy>): number {
  let count = 0;
  for (const copy of damaged.values()) if (!copy.gaveUp) count += 1;
  return count;
}

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

// `openBlob` checks in this order: every code up to the signature's is found before it verified.
const DAMAGE_CODES = new Set<string>(
  BLOB_ERROR_CODES.slice(0, BLOB_ERROR_CODES.indexOf('BAD_SIGNATURE') + 1),
);

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
  // Only an item of one blob of its own is ever set aside or put right.
  return struct instanceof Y.Item && isBlobItem(struct) && struct.id.clock === copy.clock
    ? struct
    : undefined;
}

/**
 * Whether `item` holds exactly one binary entry and is live: the shape of a blob in the log.
 *
 * @example
 *   if (isBlobItem(item)) item.content = new Y.ContentBinary(placeholder);
 */
export function isBlobItem(item: Y.Item): boolean {
  return !item.deleted && item.length === 1 && item.content instanceof Y.ContentBinary;
}
