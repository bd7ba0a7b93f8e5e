// A device can write before this device learns it is a member (a partner links a new phone
// while this one is offline). Its blobs are quarantined as UNKNOWN_DEVICE but stay in the log;
// admitting the device re-checks them, and those that now pass leave the quarantine.
import type { DeviceId } from '$lib/crypto';
import { addWorkspaceDevice, releaseQuarantined } from '$lib/store';
import { readBlobHeader } from '../blob';
import type { EngineContext } from '../engine/engineContext';
import { isDamageCode, itemOfCopy } from '../heal/damagedCopy';
import { forgetCopy, stopHealing } from '../heal/takeIntactCopies';
import { blobHashOf, releaseFromQuarantine, writeQuarantine } from './quarantine';
import { receiveBlob } from './receiveBlob';

/**
 * Adds `deviceId` to the workspace's members and re-checks its blobs in the log.
 *
 * @example
 *   await admitDevice(ctx, partnerPhone);
 * @throws StoreFullError if the membership cannot be stored.
 */
export async function admitDevice(ctx: EngineContext, deviceId: DeviceId): Promise<void> {
  await addWorkspaceDevice(ctx.db, { workspaceId: ctx.workspaceId, deviceId });
  ctx.devices.add(deviceId);
  recheckDeviceBlobs(ctx, deviceId);
}

/**
 * Re-checks the blobs of a device just accepted (`ctx.devices` holds it) that are in the log
 * but were refused before: those that now pass leave the quarantine.
 *
 * @example
 *   ctx.devices.add(deviceId);
 *   recheckDeviceBlobs(ctx, deviceId);
 */
export function recheckDeviceBlobs(ctx: EngineContext, deviceId: DeviceId): void {
  const room = ctx.room;
  const met = new Set<string>();
  /** Entries refused again, now for what they hold: no longer damage to heal. */
  const refused = new WeakSet<Uint8Array>();
  for (const entry of room.log.toArray()) {
    if (!(entry instanceof Uint8Array) || room.verified.has(entry)) continue;
    const read = readBlobHeader(entry);
    if (!read.ok || read.header.deviceId !== deviceId) continue;
    const blobHash = blobHashOf(entry);
    met.add(blobHash);
    ctx.quarantined.delete(blobHash);
    ctx.unknownDeviceBlobs.delete(blobHash);
    // The old record goes; a refusal for another reason records itself afresh.
    writeQuarantine(ctx, () =>
      releaseQuarantined(ctx.db, { workspaceId: ctx.workspaceId, blobHash }),
    );
    const received = receiveBlob(ctx, entry);
    if (!received.ok && ctx.quarantined.has(blobHash) && !isDamageCode(received.code)) {
      refused.add(entry);
    }
  }
  // Refused as unknown, and gone from the log since (a member that accepted them compacted them
  // away, or the relay dropped them): the refusal no longer stands, and a snapshot or the relay
  // brings what they held.
  for (const [blobHash, owner] of ctx.unknownDeviceBlobs) {
    if (owner !== deviceId || met.has(blobHash)) continue;
    ctx.unknownDeviceBlobs.delete(blobHash);
    releaseFromQuarantine(ctx, blobHash);
  }
  // Copies of its blobs that were set aside (their bytes kept) are no longer damage: they
  // verify now, or are refused for what they hold (and stay quarantined for it).
  for (const copy of [...room.damaged.values()]) {
    const item = itemOfCopy(room.outerDoc, copy);
    const entry: unknown = item?.content.getContent()[0];
    if (!(entry instanceof Uint8Array)) continue;
    if (room.verified.has(entry)) forgetCopy(ctx, copy);
    else if (refused.has(entry)) stopHealing(ctx, copy);
  }
  ctx.status.update({ quarantined: ctx.quarantined.size });
}
