// Importing goes through the same checks as a blob from the relay. Blobs that were new (applied
// or held) are also appended to the outer doc, so they are stored with it and reach the relay
// and the pair's other devices; duplicates are not, which is why importing a file twice changes
// nothing the second time.
import type { BlobErrorCode } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import { appendToLog } from '../envelope/appendToLog';
import { LOCAL_ORIGIN } from '../envelope/syncOrigins';
import { receiveBlob } from '../receiver/receiveBlob';
import { parseSyncFile, type SyncFileErrorCode } from './syncFile';

/** What an import did. */
export type ImportSyncFileResult =
  | { ok: true; applied: number; held: number; duplicates: number; quarantined: number }
  | { ok: false; code: SyncFileErrorCode | 'WRONG_WORKSPACE' | 'WRONG_EPOCH' };

/**
 * Checks and applies the blobs of a sync file.
 *
 * @example
 *   const imported = importSyncFile(ctx, bytes);
 *   if (imported.ok) console.debug(`${imported.applied} changes applied`);
 */
export function importSyncFile(ctx: EngineContext, bytes: unknown): ImportSyncFileResult {
  const parsed = parseSyncFile(bytes);
  if (!parsed.ok) return parsed;
  const { file } = parsed;
  if (file.workspaceId !== ctx.workspaceId) return { ok: false, code: 'WRONG_WORKSPACE' };
  if (file.epoch !== ctx.room.epoch) return { ok: false, code: 'WRONG_EPOCH' };
  const counts = { applied: 0, held: 0, duplicates: 0, quarantined: 0 };
  const fresh: Uint8Array[] = [];
  const refused: Uint8Array[] = [];
  for (const blob of file.blobs) {
    const received = receiveBlob(ctx, blob);
    if (received.ok) {
      counts.applied += 1;
      fresh.push(blob);
    } else if (received.code === 'SEQ_GAP') {
      counts.held += 1;
      fresh.push(blob);
    } else if (received.code === 'DUPLICATE') {
      counts.duplicates += 1;
    } else {
      counts.quarantined += 1;
      if (isFollowedUp(received.code)) refused.push(blob);
    }
  }
  const room = ctx.room;
  if (fresh.length > 0 || refused.length > 0) {
    room.outerDoc.transact(() => {
      appendToLog(room, fresh, { verified: true });
      appendToLog(room, refused, { verified: false });
    }, LOCAL_ORIGIN);
  }
  return { ok: true, ...counts };
}

/**
 * An authentic blob that failed on application (its seq consumed) is kept in the log like one
 * from the relay would be, so every device sees and counts the same quarantine.
 */
const isFollowedUp = (code: BlobErrorCode) => code === 'FOREIGN_CLIENT_ID' || code === 'BAD_UPDATE';
