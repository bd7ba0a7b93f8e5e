import type { Membership } from './chainTypes';

/**
 * Whether `deviceId` is an active device of the derived membership: certified by its owner,
 * filed by a member, owned by a current member and not removed.
 *
 * @example
 *   if (!isActiveDevice(membership, header.deviceId)) quarantine(blob);
 */
export function isActiveDevice(membership: Membership, deviceId: string): boolean {
  return (membership.devices as ReadonlyMap<string, unknown>).has(deviceId);
}
