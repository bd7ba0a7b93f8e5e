// The sync badge's words for how far the pair's other devices have this device's changes, and
// for a sign of a rollback. The state gives numbers and device ids; this names the devices
// ("Sam's phone", "Your laptop") and makes the sentences.
import type { PartnerHeads, RollbackWarning } from '$lib/state/syncStatusState.svelte';
import { formatRelativeTime } from '../devices/formatRelativeTime';

/** What the badge knows of a device to name it. */
export interface NamedDevice {
  deviceId: string;
  name: string;
  personName: string;
  /** A device of this device's own person. */
  mine: boolean;
}

/**
 * How a device is called in a sentence: "Sam's phone", "Your laptop", or by the start of its id
 * when the pair's device list does not name it.
 *
 * @example
 *   deviceLabel(head.deviceId, devices); // "Sam's phone"
 */
export function deviceLabel(deviceId: string, devices: readonly NamedDevice[]): string {
  const device = devices.find((each) => each.deviceId === deviceId);
  if (!device) return `Device ${deviceId.slice(0, 8)}`;
  return device.mine ? `Your ${device.name}` : `${device.personName}'s ${device.name}`;
}

/**
 * One line on how far a device had this device's changes, and when that was heard.
 *
 * @example
 *   headsLine({ deviceId, missing: 0, at }, "Sam's phone", now);
 *   // "Sam's phone had all your changes 2 minutes ago"
 *   headsLine({ deviceId, missing: 3, at }, "Sam's phone", now);
 *   // "Sam's phone was missing your last 3 changes 2 minutes ago"
 */
export function headsLine(head: PartnerHeads, label: string, now: Date): string {
  const when = formatRelativeTime(new Date(head.at).toISOString(), now) ?? 'at an unknown time';
  if (head.missing === 0) return `${label} had all your changes ${when}`;
  const changes = head.missing === 1 ? 'your last change' : `your last ${head.missing} changes`;
  return `${label} was missing ${changes} ${when}`;
}

/**
 * A warning line for a sign of a rollback.
 *
 * @example
 *   rollbackLine({ deviceId, kind: 'newer-epoch' }, "Sam's phone");
 */
export function rollbackLine(warning: RollbackWarning, label: string): string {
  switch (warning.kind) {
    case 'went-back':
      return `${label} went back to an older state: it no longer has changes it had before (restored from an old copy, or the relay served an old state)`;
    case 'ahead-of-me':
      return `${label} has changes of this device that this device never sent: someone may be writing as this device, or this device was restored from an old copy`;
    case 'newer-epoch':
      return `${label} has moved the pair to a newer key that has not reached this device: the relay may be holding it back`;
  }
}
