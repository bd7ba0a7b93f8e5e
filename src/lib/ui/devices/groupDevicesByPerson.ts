/** One device as the device list shows it. */
export interface DeviceRow {
  deviceId: string;
  name: string;
  personName: string;
  /** Groups by person when given (two people may share a name); else the name groups. */
  personId?: string;
  isThisDevice: boolean;
  /** ISO UTC. */
  lastSeenAt: string;
  /** False when no valid certificate from the owner's person key vouches for the device. */
  certified: boolean;
  removed: boolean;
}

/** The devices of one person. */
export interface PersonDevices {
  personName: string;
  devices: DeviceRow[];
}

/**
 * The devices grouped by person: the person holding this device first, then the others in the
 * order they first appear; within a person, this device first, then the most recently seen.
 * Removed devices stay listed (the list is also a record of who could read what, and when) but
 * go last.
 *
 * @example
 *   groupDevicesByPerson(devices); // [{ personName: 'Ana', devices: [laptop (this), phone] }, …]
 */
export function groupDevicesByPerson(devices: readonly DeviceRow[]): PersonDevices[] {
  const groups = new Map<string, DeviceRow[]>();
  const mine = devices.find((device) => device.isThisDevice);
  if (mine) groups.set(personKey(mine), []);
  for (const device of devices) {
    const group = groups.get(personKey(device));
    if (group) group.push(device);
    else groups.set(personKey(device), [device]);
  }
  return [...groups.values()].map((rows) => ({
    personName: rows[0]?.personName ?? '',
    devices: [...rows].sort(compareDevices),
  }));
}

function personKey(device: DeviceRow): string {
  return device.personId === undefined ? `name:${device.personName}` : `id:${device.personId}`;
}

function compareDevices(a: DeviceRow, b: DeviceRow): number {
  if (a.isThisDevice !== b.isThisDevice) return a.isThisDevice ? -1 : 1;
  if (a.removed !== b.removed) return a.removed ? 1 : -1;
  // ISO UTC strings of one format sort as their instants do.
  return b.lastSeenAt.localeCompare(a.lastSeenAt);
}
