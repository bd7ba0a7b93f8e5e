// Applying an opened blob at its turn in its device's seq order. Whatever happens, the seq is
// consumed: the blob is authentic (signed by a member), so holding the device's later blobs
// behind a bad one would only freeze that device; the bad one is quarantined instead.
import * as Y from 'yjs';
import type { DeviceId } from '$lib/crypto';
import type { BlobErrorCode } from '../blob';
import { decodeSnapshotPayload, type SnapshotPayload } from '../compaction/snapshotPayload';
import type { EngineContext, OpenedBlob } from '../engine/engineContext';
import { quarantineBlob } from '../receiver/quarantine';
import { REMOTE_ORIGIN } from './syncOrigins';
import { decodeUpdatePayload } from './updatePayload';

/** The outcome of applying one blob. */
export type ApplyResult = { ok: true } | { ok: false; code: BlobErrorCode };

/**
 * Applies an update blob to the inner doc, after checking its client ids belong to its device.
 *
 * @example
 *   const applied = applyIncoming(ctx, opened);
 */
export function applyIncoming(ctx: EngineContext, opened: OpenedBlob): ApplyResult {
  const { header } = opened;
  const result = header.kind === 'snapshot' ? applySnapshot(ctx, opened) : applyUpdate(ctx, opened);
  ctx.room.tracker.raiseTo(header.deviceId, header.seq);
  if (result.ok) ctx.counters.applied += 1;
  else quarantineBlob(ctx, { blob: opened.blob, code: result.code, header });
  return result;
}

function applyUpdate(ctx: EngineContext, opened: OpenedBlob): ApplyResult {
  const decoded = decodeUpdatePayload(opened.payload);
  if (!decoded.ok) return decoded;
  const { incarnations, update } = decoded.payload;
  const owned = ctx.ownership.check({ deviceId: opened.header.deviceId, incarnations, update });
  if (!owned.ok) return owned;
  return applyToInner(ctx, update);
}

function applySnapshot(ctx: EngineContext, opened: OpenedBlob): ApplyResult {
  const decoded = decodeSnapshotPayload(opened.payload);
  if (!decoded.ok) return decoded;
  const applied = applyToInner(ctx, decoded.snapshot.state);
  if (applied.ok) raiseToManifest(ctx, decoded.snapshot);
  return applied;
}

function applyToInner(ctx: EngineContext, update: Uint8Array): ApplyResult {
  try {
    Y.applyUpdate(ctx.innerDoc, update, REMOTE_ORIGIN);
    return { ok: true };
  } catch {
    return { ok: false, code: 'BAD_UPDATE' };
  }
}

/**
 * Everything a snapshot's manifest covers is in the inner doc now: move each member device's
 * contiguous seq up to it, and drop held blobs it covers (their content came with the snapshot).
 */
function raiseToManifest(ctx: EngineContext, snapshot: SnapshotPayload): void {
  for (const [deviceId, seq] of snapshot.manifest) {
    if (!isMember(ctx, deviceId)) continue;
    const dropped = ctx.room.tracker.raiseTo(deviceId, seq);
    if (dropped.length > 0) {
      ctx.counters.duplicates += dropped.length;
      ctx.status.update({ duplicates: ctx.status.get().duplicates + dropped.length });
    }
  }
}

const isMember = (ctx: EngineContext, deviceId: DeviceId) => ctx.devices.has(deviceId);
