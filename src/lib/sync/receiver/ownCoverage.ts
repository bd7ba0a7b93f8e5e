// How far a snapshot covers this device's own blobs decides when they are forgotten (never to be
// republished). Another member's manifest is only its word: the coverage is checked against this
// device's own blobs, each of which must be held in the snapshot's state, so a lying manifest
// cannot make this device stop republishing an edit the relay deleted.
import * as Y from 'yjs';
import { decodeSnapshotPayload } from '../compaction/snapshotPayload';
import type { EngineContext, OpenedBlob } from '../engine/engineContext';
import { decodeUpdatePayload } from '../envelope/updatePayload';
import { openForRoom } from './openForRoom';

/**
 * The highest own seq, at most `claimed`, up to which every own blob past the current coverage
 * is one this device still holds and whose content `state` holds.
 *
 * @example
 *   room.ownCoveredUpTo = checkedOwnCoverage(ctx, { sender, claimed, state });
 */
export function checkedOwnCoverage(
  ctx: EngineContext,
  snapshot: { sender: OpenedBlob['header']['deviceId']; claimed: number; state: Uint8Array },
): number {
  const room = ctx.room;
  const { claimed, state } = snapshot;
  if (claimed <= room.ownCoveredUpTo) return room.ownCoveredUpTo;
  // This device's own snapshot: it wrote the manifest itself.
  if (snapshot.sender === ctx.identity.deviceId) return claimed;
  const holds = snapshotOf(state);
  if (!holds) return room.ownCoveredUpTo;
  let covered = room.ownCoveredUpTo;
  for (let seq = covered + 1; seq <= claimed; seq += 1) {
    const blob = room.ownBlobs.get(seq);
    const content = blob ? contentOf(ctx, blob) : undefined;
    if (!content || !Y.snapshotContainsUpdate(holds, content)) break;
    covered = seq;
  }
  return covered;
}

function snapshotOf(state: Uint8Array): Y.Snapshot | undefined {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return Y.snapshot(doc);
  } catch {
    return undefined;
  } finally {
    doc.destroy();
  }
}

/** The Yjs update an own blob carries (an update's, or a snapshot's state). */
function contentOf(ctx: EngineContext, blob: Uint8Array): Uint8Array | undefined {
  const opened = openForRoom(ctx, blob);
  if (!opened.ok) return undefined;
  if (opened.header.kind === 'snapshot') {
    const decoded = decodeSnapshotPayload(opened.payload);
    return decoded.ok ? decoded.snapshot.state : undefined;
  }
  const decoded = decodeUpdatePayload(opened.payload);
  return decoded.ok ? decoded.payload.update : undefined;
}
