// Where a log entry is received from the outer doc (the stored log at open, or a change from
// the relay), a damaged copy is set aside by its item id, and its bytes give way to a
// placeholder (see placeholder.ts). A placeholder already there (stored by an earlier session)
// is set aside again without being counted twice.
import * as Y from 'yjs';
import type { BlobErrorCode } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import type { LogItem } from '../envelope/logItems';
import { blobHashOf } from '../receiver/quarantine';
import { receiveBlob } from '../receiver/receiveBlob';
import { copyKey, isDamageCode } from './damagedCopy';
import { placeholderFor, readPlaceholder } from './placeholder';

/**
 * Receives one log entry; a damaged copy is set aside for healing.
 *
 * @example
 *   for (const at of logItems(room.log)) receiveLogItem(ctx, at);
 */
export function receiveLogItem(ctx: EngineContext, at: LogItem): void {
  if (readPlaceholder(at.entry) !== undefined) {
    setAsideCopy(ctx, at, 'MALFORMED');
    return;
  }
  const received = receiveBlob(ctx, at.entry);
  if (!received.ok) setAsideCopy(ctx, at, received.code);
}

/**
 * Remembers the item of a copy refused for `code`, if that code can be transit damage.
 *
 * @example
 *   setAsideCopy(ctx, { item, index: 0, entry }, 'BAD_SIGNATURE');
 */
export function setAsideCopy(ctx: EngineContext, at: LogItem, code: BlobErrorCode): void {
  const { item, index, entry } = at;
  if (!isDamageCode(code) || !(entry instanceof Uint8Array)) return;
  const room = ctx.room;
  const clock = item.id.clock + index;
  const recorded = readPlaceholder(entry);
  const badHash = recorded ?? blobHashOf(entry);
  const key = copyKey(item.id.client, clock);
  const known = room.damaged.get(key);
  room.damaged.set(key, {
    client: item.id.client,
    clock,
    badHash,
    asks: known?.asks ?? 0,
    answered: known?.answered ?? false,
  });
  // A placeholder read back at open is counted again (the quarantine keeps no record of it).
  if (!ctx.quarantined.has(badHash)) {
    ctx.quarantined.add(badHash);
    ctx.status.update({ quarantined: ctx.quarantined.size });
  }
  // A blob has an item of its own. The bytes of a device not admitted yet are kept: admitting
  // it re-checks them (a copy of them arriving intact replaces them all the same).
  if (
    recorded === undefined &&
    code !== 'UNKNOWN_DEVICE' &&
    item.content instanceof Y.ContentBinary
  ) {
    item.content = new Y.ContentBinary(placeholderFor(badHash));
    room.foldOuter = true;
    ctx.checkpoints.request();
  }
  ctx.status.update({ healing: room.damaged.size });
  room.wake();
}
