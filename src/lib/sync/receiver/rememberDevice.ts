import type { DeviceId } from '$lib/crypto';
import { addWorkspaceDevice } from '$lib/store';
import type { EngineContext } from '../engine/engineContext';

/**
 * Records a member device learned from a verified blob, in memory at once and in the store in
 * the background (a failed write surfaces in the status and the device is learned again from
 * its next blob).
 *
 * @example
 *   if (!ctx.devices.has(header.deviceId)) rememberDevice(ctx, header.deviceId);
 */
export function rememberDevice(ctx: EngineContext, deviceId: DeviceId): void {
  ctx.devices.add(deviceId);
  ctx.track(addWorkspaceDevice(ctx.db, { workspaceId: ctx.workspaceId, deviceId }));
}
