// Every blob from outside (the relay, the stored outer doc, an imported sync file) goes through
// here: the stateless checks of `openBlob` (version, kind, workspace, epoch, known device,
// signature, decryption, padding; a device the chain does not count yet is given the chance to
// show the records that admit it), then the stateful ones: seq order (duplicates dropped and
// counted, a blob past a gap held and reported, a blob only another member's manifest covers
// checked by content), and on application the client-id ownership and payload checks. A
// failure is quarantined, never applied, never thrown.
import type { BlobErrorCode } from '../blob';
import { decodeSnapshotPayload } from '../compaction/snapshotPayload';
import { applyIncoming } from '../envelope/applyIncoming';
import type { EngineContext, OpenedBlob } from '../engine/engineContext';
import { openForRoom } from './openForRoom';
import { checkedOwnCoverage } from './ownCoverage';
import { blobHashOf, quarantineBlob } from './quarantine';
import { harvestChainRecords } from './harvestChainRecords';

/** What happened to a received blob. */
export type ReceiveResult =
  { ok: true; status: 'applied' | 'held' } | { ok: false; code: BlobErrorCode };

/**
 * Checks and, at its turn, applies one untrusted blob; then applies any held blobs it unblocked.
 * A held blob reports `SEQ_GAP` in the status; a duplicate reports `DUPLICATE`.
 *
 * @example
 *   const received = receiveBlob(ctx, entry);
 *   if (!received.ok) console.debug('not applied:', received.code);
 */
export function receiveBlob(ctx: EngineContext, blob: unknown): ReceiveResult {
  const room = ctx.room;
  let opened = openForRoom(ctx, blob);
  if (!opened.ok && opened.code === 'UNKNOWN_DEVICE' && harvestChainRecords(ctx, blob)) {
    opened = openForRoom(ctx, blob);
  }
  if (!opened.ok) {
    quarantineBlob(ctx, { blob, code: opened.code, header: opened.header });
    return { ok: false, code: opened.code };
  }
  const { header } = opened;
  // Awareness is never written to the log (the engine does not send it at all).
  if (header.kind === 'awareness') {
    quarantineBlob(ctx, { blob, code: 'BAD_KIND', header });
    return { ok: false, code: 'BAD_KIND' };
  }
  ctx.counters.opened += 1;
  const entry: OpenedBlob = { blob: blob as Uint8Array, header, payload: opened.payload };
  room.verified.add(entry.blob);
  const selfCovering = header.kind === 'snapshot' && noteSnapshotCoverage(ctx, entry);

  const place = room.tracker.place(header.deviceId, header.seq);
  if (place === 'duplicate') {
    // Its seq was used up by this very blob, quarantined then (met again at open, or in a sync
    // file): it stays unverified, so compaction never deletes it.
    if (ctx.quarantined.size > 0 && ctx.quarantined.has(blobHashOf(entry.blob))) {
      room.verified.delete(entry.blob);
    }
    ctx.counters.duplicates += 1;
    ctx.status.update({ duplicates: ctx.status.get().duplicates + 1 });
    return { ok: false, code: 'DUPLICATE' };
  }
  if (place === 'ahead' && !selfCovering) {
    room.tracker.hold(header.deviceId, header.seq, entry);
    ctx.counters.held += 1;
    ctx.status.update({ gaps: room.tracker.gaps() });
    return { ok: false, code: 'SEQ_GAP' };
  }
  const applied = applyIncoming(ctx, entry);
  drainHeld(ctx);
  if (!applied.ok) return applied;
  return { ok: true, status: 'applied' };
}

/**
 * Reads a verified snapshot's manifest: notes how far it covers this device's own blobs (so
 * they need not be republished; checked against those blobs, see `checkedOwnCoverage`), and
 * whether it covers its sender's earlier seqs, in which case it can be applied at once even past
 * a gap (the sender vouches that the gap's blobs are folded into it).
 */
export function noteSnapshotCoverage(ctx: EngineContext, entry: OpenedBlob): boolean {
  const decoded = decodeSnapshotPayload(entry.payload);
  if (!decoded.ok) return false;
  const { manifest, state } = decoded.snapshot;
  const own = checkedOwnCoverage(ctx, {
    sender: entry.header.deviceId,
    claimed: manifest.get(ctx.identity.deviceId) ?? 0,
    state,
  });
  if (own > ctx.room.ownCoveredUpTo) {
    ctx.room.ownCoveredUpTo = own;
    // The cache row records the coverage (so an open need not reopen snapshots): rewrite it.
    ctx.innerDirty = true;
  }
  return (manifest.get(entry.header.deviceId) ?? 0) >= entry.header.seq - 1;
}

/** Applies held blobs that are now next in line, until none is. */
function drainHeld(ctx: EngineContext): void {
  const { tracker } = ctx.room;
  for (let progressed = true; progressed;) {
    progressed = false;
    for (const deviceId of tracker.devicesWithHeld()) {
      for (let next = tracker.takeNext(deviceId); next; next = tracker.takeNext(deviceId)) {
        applyIncoming(ctx, next);
        progressed = true;
      }
    }
  }
  ctx.status.update({ gaps: tracker.gaps() });
}
