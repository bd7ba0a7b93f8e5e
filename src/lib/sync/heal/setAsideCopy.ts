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
import { copyKey, healingCount, isBlobItem, isDamageCode } from './damagedCopy';
import { placeholderFor, readPlaceholder } from './placeholder';

/**
 * Receives one log entry; a damaged copy is set aside for healing.
 *
 * @example
 *   for (const at of logItems(room.log)) receiveLogItem(ctx, at);
 */
export function receiveLogItem(
  ctx: EngineContext,
  at: LogItem,
  options: { fromStore: boolean },
): void {
  if (readPlaceholder(at.entry) !== undefined) {
    setAsideCopy(ctx, at, { code: 'MALFORMED', ...options });
    return;
  }
  const received = receiveBlob(ctx, at.entry);
  if (!received.ok) setAsideCopy(ctx, at, { code: received.code, ...options });
}

/**
 * Remembers the item of a copy refused for `code`, if that code can be transit damage and the
 * item is a blob's own (other content is only quarantined). `fromStore`: read from the stored
 * log, whose rows must then be rewritten; in a change from elsewhere the placeholder goes into
 * the update that is stored.
 *
 * @example
 *   setAsideCopy(ctx, { item, index: 0, entry }, { code: 'BAD_SIGNATURE', fromStore: false });
 */
export function setAsideCopy(
  ctx: EngineContext,
  at: LogItem,
  options: { code: BlobErrorCode; fromStore: boolean },
): void {
  const { item, index, entry } = at;
  const { code } = options;
  if (!isDamageCode(code) || index !== 0 || !isBlobItem(item)) return;
  if (!(entry instanceof Uint8Array)) return;
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
    badAnswers: known?.badAnswers ?? 0,
    gaveUp: known?.gaveUp ?? false,
  });
  // A placeholder read back at open is counted again (the quarantine keeps no record of it).
  if (!ctx.quarantined.has(badHash)) {
    ctx.quarantined.add(badHash);
    ctx.status.update({ quarantined: ctx.quarantined.size });
  }
  // The bytes of a device not admitted yet are kept: admitting it re-checks them (a copy of
  // them arriving intact replaces them all the same).
  if (recorded === undefined && code !== 'UNKNOWN_DEVICE') {
    item.content = new Y.ContentBinary(placeholderFor(badHash));
    if (options.fromStore) {
      room.foldOuter = true;
      ctx.checkpoints.request();
    }
  }
  ctx.quarantineSeen?.add(badHash);
  ctx.status.update({ healing: healingCount(room.damaged) });
  room.wake();
}
