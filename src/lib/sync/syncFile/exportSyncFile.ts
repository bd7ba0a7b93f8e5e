// What goes into an exported file: every blob of the current epoch this device has verified
// (in the log, or its own blobs not yet covered). A partner may lack any of them, and the file
// is small once the log is compacted; blobs it already has are dropped on import as duplicates.
import { readBlobHeader } from '../blob';
import { isIntactOwn } from '../compaction/republishOwn';
import type { EngineContext } from '../engine/engineContext';
import { encodeSyncFile } from './syncFile';

/**
 * The sync file of the workspace's current epoch.
 *
 * @example
 *   download(new Blob([exportSyncFile(ctx)]), 'trellis.sync');
 */
export function exportSyncFile(ctx: EngineContext): Uint8Array {
  const room = ctx.room;
  const blobs: Uint8Array[] = [];
  const ownInLog = new Set<number>();
  for (const entry of room.log.toArray()) {
    if (!(entry instanceof Uint8Array) || !room.verified.has(entry)) continue;
    blobs.push(entry);
    const read = readBlobHeader(entry);
    if (read.ok && read.header.deviceId === ctx.identity.deviceId) ownInLog.add(read.header.seq);
  }
  for (const [seq, blob] of [...room.ownBlobs]) {
    if (!ownInLog.has(seq) && isIntactOwn(ctx, seq, blob)) blobs.push(blob);
  }
  return encodeSyncFile({ workspaceId: ctx.workspaceId, epoch: room.epoch, blobs });
}
