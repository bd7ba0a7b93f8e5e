// A blob that fails a check is quarantined: counted once (by hash), recorded with its public
// header fields and reason, never applied, never fatal. Its bytes stay in the outer doc, where
// compaction never deletes them (only verified blobs are deleted), unless they may be transit
// damage: then heal/ sets the copy aside and replaces it once an intact copy comes.
import { hashBytes, toBase64Url } from '$lib/crypto';
import { addQuarantined, releaseQuarantined } from '$lib/store';
import type { BlobErrorCode, BlobHeader } from '../blob';
import type { EngineContext } from '../engine/engineContext';

/**
 * The short hash that names a blob in the quarantine.
 *
 * @example
 *   blobHashOf(blob); // 22 base64url characters
 */
export function blobHashOf(blob: unknown): string {
  return blob instanceof Uint8Array ? toBase64Url(hashBytes(blob, 16)) : 'not-bytes';
}

/**
 * Quarantines `blob` for `code`.
 *
 * @example
 *   quarantineBlob(ctx, { blob, code: 'BAD_SIGNATURE', header });
 */
export function quarantineBlob(
  ctx: EngineContext,
  input: { blob: unknown; code: BlobErrorCode; header?: BlobHeader },
): void {
  const { blob, code, header } = input;
  if (blob instanceof Uint8Array) ctx.room.verified.delete(blob);
  const blobHash = blobHashOf(blob);
  ctx.quarantineSeen?.add(blobHash);
  if (ctx.quarantined.has(blobHash)) return;
  ctx.quarantined.add(blobHash);
  if (code === 'UNKNOWN_DEVICE' && header) ctx.unknownDeviceBlobs.set(blobHash, header.deviceId);
  ctx.counters.quarantined += 1;
  ctx.status.update({ quarantined: ctx.quarantined.size });
  const row = {
    workspaceId: ctx.workspaceId,
    blobHash,
    code,
    epoch: header?.epoch ?? null,
    deviceId: header?.deviceId ?? null,
    seq: header?.seq ?? null,
    at: ctx.clock.now(),
  };
  writeQuarantine(ctx, () => addQuarantined(ctx.db, row));
}

/** The last quarantine write queued per open workspace. */
const lastWrite = new WeakMap<EngineContext, Promise<unknown>>();

/**
 * Runs quarantine writes of one workspace one after the other, in the order they were asked
 * for: a release issued in the same moment as the record it releases (a copy quarantined, then
 * deleted by a compaction in one update) must not reach IndexedDB first and leave the record.
 *
 * @example
 *   writeQuarantine(ctx, () => releaseQuarantined(ctx.db, { workspaceId, blobHash }));
 */
export function writeQuarantine(ctx: EngineContext, write: () => Promise<unknown>): void {
  const previous = lastWrite.get(ctx) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(write);
  lastWrite.set(ctx, next);
  ctx.track(next);
}

/**
 * Re-checks, at open, the quarantine records that may be transit damage: those that `scan` (the
 * stored log's) does not meet again (the copy was healed, or a crash lost it before it was
 * stored and the intact one came) leave the quarantine and the store.
 *
 * @example
 *   recheckDamageRecords(ctx, loaded.damageRecords, () => scanStoredLog(ctx, options));
 */
export function recheckDamageRecords(
  ctx: EngineContext,
  records: ReadonlySet<string>,
  scan: () => void,
): void {
  const seen = new Set<string>();
  ctx.quarantineSeen = seen;
  try {
    scan();
  } finally {
    ctx.quarantineSeen = undefined;
  }
  for (const blobHash of records) if (!seen.has(blobHash)) releaseFromQuarantine(ctx, blobHash);
}

/**
 * Takes a blob out of the quarantine (it proved good after all, or an intact copy replaced it).
 *
 * @example
 *   releaseFromQuarantine(ctx, blobHashOf(blob));
 */
export function releaseFromQuarantine(ctx: EngineContext, blobHash: string): void {
  if (!ctx.quarantined.delete(blobHash)) return;
  writeQuarantine(ctx, () =>
    releaseQuarantined(ctx.db, { workspaceId: ctx.workspaceId, blobHash }),
  );
  ctx.status.update({ quarantined: ctx.quarantined.size });
}
