// The engine's listeners on one room's outer doc: blobs written by anyone else (the relay, a
// provider) are received, a damaged copy set aside for healing; deletions of this device's
// blobs trigger a republish check; every outer-doc update is queued for the next checkpoint.
import type * as Y from 'yjs';
import { readBlobHeader } from '../blob';
import { maybeCompact } from '../compaction/maybeCompact';
import { pruneCoveredOwnBlobs } from '../compaction/pruneCoveredOwnBlobs';
import { republishOwn } from '../compaction/republishOwn';
import { updateWaiting } from '../envelope/publishPending';
import { LOCAL_ORIGIN, STORE_ORIGIN } from '../envelope/syncOrigins';
import { receiveLogItem } from '../heal/setAsideCopy';
import { forgetDeletedCopies } from '../heal/takeIntactCopies';
import type { EngineContext, EpochRoom } from './engineContext';

/**
 * Starts listening to `room`; returns the function that stops.
 *
 * @example
 *   const unwatch = watchRoom(ctx, ctx.room);
 */
export function watchRoom(ctx: EngineContext, room: EpochRoom): () => void {
  const me = ctx.identity.deviceId;
  const onLog = (event: Y.YArrayEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN || transaction.origin === STORE_ORIGIN) return;
    if (ctx.closed || ctx.room !== room) return;
    const { added, deleted } = event.changes;
    const ownDeleted = [...deleted].some((item) =>
      item.content.getContent().some((entry: unknown) => {
        const read = readBlobHeader(entry);
        return read.ok && read.header.deviceId === me;
      }),
    );
    forgetDeletedCopies(ctx, deleted);
    for (const item of added) {
      const entries = item.content.getContent() as unknown[];
      entries.forEach((entry, index) =>
        receiveLogItem(ctx, { item, index, entry }, { fromStore: false }),
      );
    }
    pruneCoveredOwnBlobs(ctx);
    if (ownDeleted) {
      // After this transaction: writing the outer doc from inside its own observer would nest.
      queueMicrotask(() => {
        if (!ctx.closed && ctx.room === room) republishOwn(ctx);
      });
    }
    maybeCompact(ctx);
    updateWaiting(ctx);
    if (room.tracker.heldCount() > 0) room.wake();
  };
  const onUpdate = (update: Uint8Array) => {
    room.unsavedOuter.push(update);
    ctx.checkpoints.request();
  };
  room.log.observe(onLog);
  room.outerDoc.on('update', onUpdate);
  return () => {
    room.log.unobserve(onLog);
    room.outerDoc.off('update', onUpdate);
  };
}
