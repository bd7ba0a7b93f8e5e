// A blob from a device this workspace does not accept yet may carry the very records that admit
// it (a partner's new phone, a device restored from a backup, the joiner's first edits): its
// membership entries are read from a scratch doc, never applied to the inner doc, and only
// records that verify under the chain's root count (see followMembership.ts).
import * as Y from 'yjs';
import { decodeSnapshotPayload } from '../compaction/snapshotPayload';
import type { EngineContext } from '../engine/engineContext';
import { decodeUpdatePayload } from '../envelope/updatePayload';
import { MEMBERSHIP_MAP_NAME } from '../membership';
import { openBlob, type BlobHeader } from '../blob';
import { takeChainRecords } from './followMembership';

/**
 * Opens a blob its device's id alone kept out (signature and key still checked), takes the
 * chain records it carries, and says whether its device is accepted now.
 *
 * @example
 *   if (opened.code === 'UNKNOWN_DEVICE' && harvestChainRecords(ctx, blob)) receiveBlob(ctx, blob);
 */
export function harvestChainRecords(ctx: EngineContext, blob: unknown): boolean {
  if (!ctx.chain) return false;
  const room = ctx.room;
  const opened = openBlob({
    blob,
    workspaceId: ctx.workspaceId,
    keyForEpoch: (epoch) => (epoch === room.epoch ? room.key : undefined),
    isKnownDevice: () => true,
  });
  if (!opened.ok) return false;
  const update = innerUpdateOf(opened.header, opened.payload);
  if (!update) return false;
  const scratch = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(scratch, update);
    const entries = [...scratch.getMap(MEMBERSHIP_MAP_NAME).entries()];
    return entries.length > 0 && takeChainRecords(ctx, opened.header.deviceId, entries);
  } catch {
    return false;
  } finally {
    scratch.destroy();
  }
}

function innerUpdateOf(header: BlobHeader, payload: Uint8Array): Uint8Array | undefined {
  if (header.kind === 'snapshot') {
    const decoded = decodeSnapshotPayload(payload);
    return decoded.ok ? decoded.snapshot.state : undefined;
  }
  if (header.kind !== 'update') return undefined;
  const decoded = decodeUpdatePayload(payload);
  return decoded.ok ? decoded.payload.update : undefined;
}
