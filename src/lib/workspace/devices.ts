import * as Y from 'yjs';
import { fail, type WorkspaceResult } from './errors';
import { compareStrings } from './model/compareStrings';
import { entitiesOf, entityOf, readString } from './model/readFields';
import { TEXT_LIMITS, checkTitle } from './text/checkText';
import { parseInstant } from './time/parseInstant';

/*
 * The pair's device registry: root map `devices`, deviceId -> Y.Map with one key per field.
 * Each device registers itself when it opens the pair; the state layer checks every entry's
 * certificate (the person key's signature over the device's ids) before trusting its box key,
 * because the partner's device writes this doc too. Keys and signatures are plain base64url
 * strings here: the workspace layer does no crypto, it only checks their shape.
 */

/** The root map's name in the inner doc. */
export const DEVICES_ROOT = 'devices';

/** One device of one person, as registered in the pair. */
export interface DeviceEntry {
  /** base64url of the device's Ed25519 public key, 43 characters. */
  deviceId: string;
  /** base64url of the owning person's Ed25519 public key, 43 characters. */
  personId: string;
  name: string;
  /** base64url X25519 public key, 43 characters: where rotated epoch keys are sealed to. */
  boxPublicKey: string;
  /** base64url Ed25519 signature (86 characters), checked by the state layer. */
  certificate: string;
  addedAt: string;
  lastSeenAt: string;
  removedAt?: string;
}

// 32 bytes in unpadded base64url: 43 characters, the last carrying 2 unused (zero) bits; 64 bytes:
// 86 characters, the last carrying 4. Rejecting the non-canonical spellings keeps one key from
// having two ids.
const KEY_TEXT = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const SIGNATURE_TEXT = /^[A-Za-z0-9_-]{85}[AQgw]$/;

/**
 * Whether `value` spells a 32-byte key in canonical unpadded base64url (device and person ids,
 * box public keys).
 *
 * @example
 *   isKeyText(identity.deviceId); // true
 */
export function isKeyText(value: unknown): value is string {
  return typeof value === 'string' && KEY_TEXT.test(value);
}

/**
 * Whether `value` spells a 64-byte Ed25519 signature in canonical unpadded base64url.
 *
 * @example
 *   isSignatureText(entry.certificate); // true
 */
export function isSignatureText(value: unknown): value is string {
  return typeof value === 'string' && SIGNATURE_TEXT.test(value);
}

/**
 * An ISO 8601 UTC instant normalised to `toISOString()` form, or `undefined`. Every stored
 * instant goes through here, so stored strings compare in time order.
 *
 * @example
 *   normaliseInstant('2025-01-06T09:00Z'); // '2025-01-06T09:00:00.000Z'
 */
export function normaliseInstant(value: unknown): string | undefined {
  return typeof value === 'string' ? parseInstant(value)?.toISOString() : undefined;
}

function devicesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DEVICES_ROOT);
}

/**
 * Register this device in the pair, or refresh its entry (name, box key, certificate, and
 * lastSeenAt when it moves forward). A removed device stays removed: `DEVICE_REMOVED`, and
 * nothing is written. An entry filed under the same device id by another person is refused
 * (`NOT_ALLOWED`). Unlike content commands this works in a closed workspace, before the first
 * sync and whatever `meta.schemaVersion` says: membership bookkeeping must never be blocked.
 *
 * @example
 *   registerDevice(doc, { deviceId: me.deviceId, personId: person.personId, name: 'Laptop',
 *     boxPublicKey, certificate, addedAt: now, lastSeenAt: now }); // { ok: true }
 */
export function registerDevice(doc: Y.Doc, entry: Omit<DeviceEntry, 'removedAt'>): WorkspaceResult {
  if (!isKeyText(entry.deviceId)) return fail('INVALID_VALUE', 'deviceId');
  if (!isKeyText(entry.personId)) return fail('INVALID_VALUE', 'personId');
  const name = checkTitle(entry.name, 'name');
  if (!name.ok) return name;
  if (!isKeyText(entry.boxPublicKey)) return fail('INVALID_VALUE', 'boxPublicKey');
  if (!isSignatureText(entry.certificate)) return fail('INVALID_VALUE', 'certificate');
  const addedAt = normaliseInstant(entry.addedAt);
  if (!addedAt) return fail('INVALID_INSTANT', 'addedAt');
  const lastSeenAt = normaliseInstant(entry.lastSeenAt);
  if (!lastSeenAt) return fail('INVALID_INSTANT', 'lastSeenAt');
  const devices = devicesMap(doc);
  const existing = entityOf(devices, entry.deviceId);
  if (existing) {
    // Any removedAt value, even a malformed one, keeps the device out.
    if (existing.has('removedAt')) return fail('DEVICE_REMOVED');
    const owner = readString(existing, 'personId');
    if (isKeyText(owner) && owner !== entry.personId) return fail('NOT_ALLOWED', 'personId');
  }
  doc.transact(() => {
    const device = existing ?? new Y.Map<unknown>();
    if (!existing) devices.set(entry.deviceId, device);
    if (readString(device, 'personId') !== entry.personId) device.set('personId', entry.personId);
    if (!normaliseInstant(device.get('addedAt'))) device.set('addedAt', addedAt);
    device.set('name', name.value);
    device.set('boxPublicKey', entry.boxPublicKey);
    device.set('certificate', entry.certificate);
    const seen = normaliseInstant(device.get('lastSeenAt'));
    if (!seen || seen < lastSeenAt) device.set('lastSeenAt', lastSeenAt);
  });
  return { ok: true };
}

/**
 * Record that a device was seen at `at`; writes only when that moves `lastSeenAt` forward, so a
 * device with a slow clock or a replayed call does not rewind it.
 *
 * @example
 *   touchDevice(doc, { deviceId: me.deviceId, at: new Date().toISOString() });
 */
export function touchDevice(doc: Y.Doc, input: { deviceId: string; at: string }): WorkspaceResult {
  const at = normaliseInstant(input.at);
  if (!at) return fail('INVALID_INSTANT', 'at');
  const device = entityOf(devicesMap(doc), input.deviceId);
  if (!device) return fail('NOT_FOUND', 'deviceId');
  if (device.has('removedAt')) return fail('DEVICE_REMOVED');
  const seen = normaliseInstant(device.get('lastSeenAt'));
  if (!seen || seen < at) device.set('lastSeenAt', at);
  return { ok: true };
}

/**
 * Mark a device removed. Idempotent: removing it again keeps the first removal time. The caller
 * then rotates the epoch so the device cannot read what is written afterwards.
 *
 * @example
 *   markDeviceRemoved(doc, { deviceId: lostPhone, at: new Date().toISOString() });
 */
export function markDeviceRemoved(
  doc: Y.Doc,
  input: { deviceId: string; at: string },
): WorkspaceResult {
  const at = normaliseInstant(input.at);
  if (!at) return fail('INVALID_INSTANT', 'at');
  const device = entityOf(devicesMap(doc), input.deviceId);
  if (!device) return fail('NOT_FOUND', 'deviceId');
  if (!normaliseInstant(device.get('removedAt'))) device.set('removedAt', at);
  return { ok: true };
}

/**
 * Every well-formed device entry, removed ones included (check `removedAt`), oldest first.
 * Entries with a malformed field, including a malformed `removedAt`, are left out.
 *
 * @example
 *   listDevices(doc).filter((device) => !device.removedAt && device.personId === me.personId);
 */
export function listDevices(doc: Y.Doc): DeviceEntry[] {
  const devices: DeviceEntry[] = [];
  for (const [deviceId, map] of entitiesOf(devicesMap(doc))) {
    const device = parseDevice(deviceId, map);
    if (device) devices.push(device);
  }
  return devices.sort(
    (a, b) => compareStrings(a.addedAt, b.addedAt) || compareStrings(a.deviceId, b.deviceId),
  );
}

/**
 * One well-formed device entry by id, or `undefined`.
 *
 * @example
 *   findDevice(doc, me.deviceId)?.removedAt; // set: this device was removed
 */
export function findDevice(doc: Y.Doc, deviceId: string): DeviceEntry | undefined {
  const map = entityOf(devicesMap(doc), deviceId);
  return map ? parseDevice(deviceId, map) : undefined;
}

function parseDevice(deviceId: string, map: Y.Map<unknown>): DeviceEntry | undefined {
  const personId = map.get('personId');
  const name = map.get('name');
  const boxPublicKey = map.get('boxPublicKey');
  const certificate = map.get('certificate');
  const addedAt = normaliseInstant(map.get('addedAt'));
  const lastSeenAt = normaliseInstant(map.get('lastSeenAt'));
  const removedAt = normaliseInstant(map.get('removedAt'));
  if (
    !isKeyText(deviceId) ||
    !isKeyText(personId) ||
    typeof name !== 'string' ||
    name.length > TEXT_LIMITS.title ||
    !isKeyText(boxPublicKey) ||
    !isSignatureText(certificate) ||
    !addedAt ||
    !lastSeenAt ||
    (map.has('removedAt') && !removedAt)
  ) {
    return undefined;
  }
  const entry: DeviceEntry = {
    deviceId,
    personId,
    name,
    boxPublicKey,
    certificate,
    addedAt,
    lastSeenAt,
  };
  if (removedAt) entry.removedAt = removedAt;
  return entry;
}
