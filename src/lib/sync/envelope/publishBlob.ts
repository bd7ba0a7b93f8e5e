// Publishing one of this device's blobs: allocate its seq and store it (one transaction, before
// anyone can see it), then append it to the outer doc's log. A failed store write leaves
// nothing half-done: the caller keeps its data and retries.
import type { SealedBlob } from '../blob';
import { sealBlob, type BlobKind } from '../blob';
import { storeOwnBlob } from '$lib/store';
import type { EngineContext } from '../engine/engineContext';
import { reportHeads } from '../heads/trackHeads';
import { appendToLog } from './appendToLog';
import { LOCAL_ORIGIN } from './syncOrigins';

/**
 * Seals `payloadFor(seq)` as this device's next blob of `kind`, stores it and appends it to the
 * log. Resolves with the seq, or rejects (StoreFullError, …) with nothing published.
 *
 * @example
 *   const seq = await publishBlob(ctx, { kind: 'update', payloadFor: () => payload });
 */
export async function publishBlob(
  ctx: EngineContext,
  input: {
    kind: Exclude<BlobKind, 'awareness'>;
    payloadFor: (seq: number) => Uint8Array;
    /** Runs inside the outer transaction that appends the blob (compaction deletes there). */
    alsoInTransaction?: () => void;
  },
): Promise<{ seq: number; blob: SealedBlob }> {
  const room = ctx.room;
  const { workspaceId, identity } = ctx;
  const { seq, blob } = await storeOwnBlob(ctx.db, {
    workspaceId,
    epoch: room.epoch,
    seal: (seq) =>
      sealBlob({
        header: {
          version: 1,
          kind: input.kind,
          workspaceId,
          epoch: room.epoch,
          deviceId: identity.deviceId,
          seq,
        },
        payload: input.payloadFor(seq),
        key: room.key,
        identity,
      }),
  });
  room.ownBlobs.set(seq, blob);
  ctx.counters.published += 1;
  room.tracker.raiseTo(identity.deviceId, seq);
  room.outerDoc.transact(() => {
    appendToLog(room, [blob], { verified: true });
    input.alsoInTransaction?.();
  }, LOCAL_ORIGIN);
  if (ctx.status.get().connection !== 'synced') room.unsent += 1;
  // How far the others have this device's blobs is measured against its newest.
  if (room.heard.size > 0) reportHeads(ctx);
  return { seq, blob };
}
