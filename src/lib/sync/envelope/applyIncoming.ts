// Applying an opened blob at its turn in its device's seq order. Whatever happens, the seq is
// consumed: the blob is authentic (signed by a member), so holding the device's later blobs
// behind a bad one would only freeze that device; the bad one is quarantined instead.
//
// A snapshot speaks for its sender only. Its manifest entries for other devices are claims:
// they let this device skip the gap the compaction's deletions opened, never drop a blob. A blob
// a claim covers but its own device never confirmed is checked by content: one whose update the
// inner doc already holds is a duplicate; one that adds something is applied, and the snapshots
// whose claims it proves false are reported (`FALSE_MANIFEST`).
import * as Y from 'yjs';
import type { DeviceId } from '$lib/crypto';
import type { BlobErrorCode } from '../blob';
import { decodeSnapshotPayload, type SnapshotPayload } from '../compaction/snapshotPayload';
import type { EngineContext, OpenedBlob } from '../engine/engineContext';
import { headsFitBlob, type HeadVector } from '../heads/headVector';
import { noteHeads } from '../heads/trackHeads';
import { quarantineBlob } from '../receiver/quarantine';
import { REMOTE_ORIGIN } from './syncOrigins';
import { decodeUpdatePayload } from './updatePayload';

/** The outcome of applying one blob. */
export type ApplyResult = { ok: true } | { ok: false; code: BlobErrorCode };

/** An applied blob's head vector (none in a FORMAT-1 payload), for `noteHeads`. */
type Applied = { ok: true; heads: HeadVector | undefined } | { ok: false; code: BlobErrorCode };

/**
 * Applies an update or snapshot blob to the inner doc, after checking its client ids.
 * `DUPLICATE`: a blob only a claim covered, whose content the inner doc already holds.
 *
 * @example
 *   const applied = applyIncoming(ctx, opened);
 */
export function applyIncoming(ctx: EngineContext, opened: OpenedBlob): ApplyResult {
  const { header } = opened;
  const { tracker } = ctx.room;
  const claimed = tracker.place(header.deviceId, header.seq) === 'claimed';
  const result =
    header.kind === 'snapshot' ? applySnapshot(ctx, opened) : applyUpdate(ctx, opened, claimed);
  if (header.kind !== 'snapshot') tracker.raiseTo(header.deviceId, header.seq);
  if (result.ok) {
    ctx.counters.applied += 1;
    noteHeads(ctx, header, result.heads);
    return { ok: true };
  }
  if (result.code === 'DUPLICATE') countDuplicates(ctx, 1);
  else quarantineBlob(ctx, { blob: opened.blob, code: result.code, header });
  return result;
}

function applyUpdate(ctx: EngineContext, opened: OpenedBlob, claimed: boolean): Applied {
  const decoded = decodeUpdatePayload(opened.payload);
  if (!decoded.ok) return decoded;
  const { incarnations, update, heads } = decoded.payload;
  const { deviceId, seq } = opened.header;
  if (heads && !headsFitBlob(heads, opened.header)) return { ok: false, code: 'BAD_UPDATE' };
  const owned = ctx.ownership.check({ deviceId, incarnations, update });
  if (!owned.ok) return owned;
  if (!claimed) return withHeads(applyToInner(ctx, update), heads);
  if (Y.snapshotContainsUpdate(Y.snapshot(ctx.innerDoc), update)) {
    return { ok: false, code: 'DUPLICATE' };
  }
  // Structs Yjs parked (waiting for another device's item) are not in the snapshot above: the
  // claim may be true, so nothing is reported while any are parked.
  const parked =
    ctx.innerDoc.store.pendingStructs !== null || ctx.innerDoc.store.pendingDs !== null;
  const applied = applyToInner(ctx, update);
  if (applied.ok && !parked) reportFalseClaims(ctx, deviceId, seq);
  return withHeads(applied, heads);
}

function applySnapshot(ctx: EngineContext, opened: OpenedBlob): Applied {
  const { deviceId, seq } = opened.header;
  const { tracker } = ctx.room;
  const decoded = decodeSnapshotPayload(opened.payload);
  const heads = decoded.ok ? decoded.snapshot.heads : undefined;
  if (!decoded.ok || (heads && !headsFitBlob(heads, opened.header))) {
    tracker.raiseTo(deviceId, seq);
    return { ok: false, code: 'BAD_UPDATE' };
  }
  const { manifest, state } = decoded.snapshot;
  const owned = ctx.ownership.checkSnapshot({
    deviceId,
    state,
    mayExtend: (owner) => (manifest.get(owner) ?? 0) > tracker.confirmed(owner),
    own: {
      client: ctx.innerDoc.clientID,
      clock: Y.getState(ctx.innerDoc.store, ctx.innerDoc.clientID),
    },
  });
  const applied = owned.ok ? applyToInner(ctx, state) : owned;
  // The sender speaks for its own earlier blobs, and only then for them.
  const vouched = applied.ok && (manifest.get(deviceId) ?? 0) >= seq - 1;
  const dropped = tracker.raiseTo(deviceId, seq, { vouched });
  if (!applied.ok) {
    for (const held of dropped) applyIncoming(ctx, held);
    return applied;
  }
  countDuplicates(ctx, dropped.length);
  ctx.ownership.noteWritten(deviceId, state, { knownOnly: true });
  claimManifest(ctx, opened, decoded.snapshot);
  return { ok: true, heads };
}

const withHeads = (applied: ApplyResult, heads: HeadVector | undefined): Applied =>
  applied.ok ? { ok: true, heads } : applied;

function applyToInner(ctx: EngineContext, update: Uint8Array): ApplyResult {
  try {
    Y.applyUpdate(ctx.innerDoc, update, REMOTE_ORIGIN);
    return { ok: true };
  } catch {
    return { ok: false, code: 'BAD_UPDATE' };
  }
}

/**
 * The manifest's entries for other member devices move their contiguous seq up (so the gap the
 * compaction's deletions left is closed), without confirming it: held blobs it covers are checked
 * by content like any claimed blob, and the claim is remembered for reporting.
 */
function claimManifest(ctx: EngineContext, opened: OpenedBlob, snapshot: SnapshotPayload): void {
  const { tracker, claims } = ctx.room;
  for (const [deviceId, seq] of snapshot.manifest) {
    // Nobody speaks for this device's own seqs either: it numbers them itself.
    if (deviceId === opened.header.deviceId || deviceId === ctx.identity.deviceId) continue;
    if (!isMember(ctx, deviceId)) continue;
    if (seq > tracker.confirmed(deviceId)) {
      const kept = (claims.get(deviceId) ?? []).filter(
        (claim) => claim.seq > tracker.confirmed(deviceId),
      );
      claims.set(deviceId, [...kept, { seq, snapshot: opened }]);
    }
    const covered = tracker.claimTo(deviceId, seq);
    covered.sort((a, b) => a.header.seq - b.header.seq);
    for (const held of covered) applyIncoming(ctx, held);
  }
}

/** `deviceId`'s blob `seq` added content: every snapshot claiming to hold it is reported. */
function reportFalseClaims(ctx: EngineContext, deviceId: DeviceId, seq: number): void {
  const claims = ctx.room.claims.get(deviceId) ?? [];
  for (const { snapshot } of claims.filter((claim) => claim.seq >= seq)) {
    quarantineBlob(ctx, { blob: snapshot.blob, code: 'FALSE_MANIFEST', header: snapshot.header });
  }
  ctx.room.claims.set(
    deviceId,
    claims.filter((claim) => claim.seq < seq),
  );
}

function countDuplicates(ctx: EngineContext, count: number): void {
  if (count === 0) return;
  ctx.counters.duplicates += count;
  ctx.status.update({ duplicates: ctx.status.get().duplicates + count });
}

const isMember = (ctx: EngineContext, deviceId: DeviceId) => ctx.devices.has(deviceId);
