// Importing goes through the same checks as a blob from the relay. Blobs that were new (applied
// or held) are also appended to the outer doc, so they are stored with it and reach the relay
// and the pair's other devices; duplicates are not, which is why importing a file twice changes
// nothing the second time. The result says exactly what the file did: what it brought, what
// waits for earlier changes it lacks, and what it set aside as damaged or forged, by the device
// each such blob claims to be from (an intact copy of those is needed: another file or the relay).
import type { DeviceId } from '$lib/crypto';
import { readBlobHeader, type BlobErrorCode } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import { appendToLog } from '../envelope/appendToLog';
import { LOCAL_ORIGIN } from '../envelope/syncOrigins';
import { receiveBlob } from '../receiver/receiveBlob';
import { parseSyncFile, type SyncFileErrorCode } from './syncFile';

/** Blobs of one (claimed) device that an import set aside; `deviceId` null if unreadable. */
export interface SetAsideBlobs {
  deviceId: DeviceId | null;
  count: number;
}

/** What an import did. */
export type ImportSyncFileResult =
  | {
      ok: true;
      applied: number;
      held: number;
      duplicates: number;
      quarantined: number;
      /** The quarantined blobs by the device they claim to be from. */
      setAside: SetAsideBlobs[];
      /** Part of the file could not be read; `applied` counts what could. */
      damagedTail: boolean;
    }
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
  const { file, damagedTail } = parsed;
  if (file.workspaceId !== ctx.workspaceId) return { ok: false, code: 'WRONG_WORKSPACE' };
  if (file.epoch !== ctx.room.epoch) return { ok: false, code: 'WRONG_EPOCH' };
  const counts = { applied: 0, held: 0, duplicates: 0, quarantined: 0 };
  const fresh: Uint8Array[] = [];
  const refused: Uint8Array[] = [];
  const setAside = new Map<DeviceId | null, number>();
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
      const claimed = claimedDevice(blob);
      setAside.set(claimed, (setAside.get(claimed) ?? 0) + 1);
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
  return {
    ok: true,
    ...counts,
    setAside: [...setAside].map(([deviceId, count]) => ({ deviceId, count })),
    damagedTail,
  };
}

const claimedDevice = (blob: Uint8Array): DeviceId | null => {
  const read = readBlobHeader(blob);
  return read.ok ? read.header.deviceId : null;
};

/**
 * An authentic blob that failed on application (its seq consumed) is kept in the log like one
 * from the relay would be, so every device sees and counts the same quarantine.
 */
const isFollowedUp = (code: BlobErrorCode) => code === 'FOREIGN_CLIENT_ID' || code === 'BAD_UPDATE';
