// Seeded people and device registration for the identity tests: a person key made from a label
// (so every run names the same people), and the registry entry a device writes for itself when
// it opens a pair, certified by its person exactly as the app does it.
import type * as Y from 'yjs';
import { toBase64Url, type DeviceIdentity, type PersonId, type PersonIdentity } from '$lib/crypto';
import { certifyDevice } from '$lib/state/identity/deviceCertificate';
import { registerDevice, type DeviceEntry } from '$lib/workspace';
import { seededIdentity } from '../../../support/harness/seededIdentity';

/** A person identity that depends only on `label`. */
export async function seededPerson(label: string): Promise<PersonIdentity> {
  const { deviceId, signing } = await seededIdentity(`person/${label}`);
  return { personId: deviceId as string as PersonId, signing };
}

/** The registry entry `device` of `person` writes for itself, certificate included. */
export function certifiedEntry(input: {
  person: PersonIdentity;
  device: DeviceIdentity;
  name?: string;
  at?: string;
}): Omit<DeviceEntry, 'removedAt'> {
  const at = input.at ?? '2025-01-06T09:00:00.000Z';
  return {
    deviceId: input.device.deviceId,
    personId: input.person.personId,
    name: input.name ?? 'Test device',
    boxPublicKey: toBase64Url(input.device.box.publicKey),
    certificate: certifyDevice({ person: input.person, device: input.device }),
    addedAt: at,
    lastSeenAt: at,
  };
}

/** Registers `device` of `person` in `doc`; throws if the workspace layer refuses. */
export function registerCertified(
  doc: Y.Doc,
  input: { person: PersonIdentity; device: DeviceIdentity; name?: string },
): void {
  const registered = registerDevice(doc, certifiedEntry(input));
  if (!registered.ok) throw new Error(`registerDevice refused: ${registered.code}`);
}
