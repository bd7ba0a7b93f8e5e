import type { OpenBlobResult } from '../blob';
import { openBlob } from '../blob';
import type { EngineContext } from '../engine/engineContext';

/**
 * `openBlob` against the current room: its workspace, its epoch's key, and the devices this
 * workspace accepts.
 *
 * @example
 *   const opened = openForRoom(ctx, blob);
 */
export function openForRoom(ctx: EngineContext, blob: unknown): OpenBlobResult {
  const room = ctx.room;
  return openBlob({
    blob,
    workspaceId: ctx.workspaceId,
    keyForEpoch: (epoch) => (epoch === room.epoch ? room.key : undefined),
    isKnownDevice: (deviceId) => ctx.devices.has(deviceId),
  });
}

/**
 * Whether `blob` opens under the room's key and the signature of the device it names, whether or
 * not this workspace accepts that device: intact bytes, not damage.
 *
 * @example
 *   if (opensUnderAnyDevice(ctx, bytes)) replaceTheDamagedCopy(bytes);
 */
export function opensUnderAnyDevice(ctx: EngineContext, blob: unknown): boolean {
  const room = ctx.room;
  return openBlob({
    blob,
    workspaceId: ctx.workspaceId,
    keyForEpoch: (epoch) => (epoch === room.epoch ? room.key : undefined),
    isKnownDevice: () => true,
  }).ok;
}
