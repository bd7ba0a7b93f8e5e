// Which rotation record to an epoch every device follows, and who the followed records left
// out: read from the records in the doc, each counted only under its writer's signature and only
// if the roster counts its writer (rosterTypes.ts).
import { fromBase64Url, publicKeyOfDevice, verifyDetached } from '$lib/crypto';
import type * as Y from 'yjs';
import { compareStrings, listRotationsFor, type RotationRecord } from '$lib/workspace';
import type { PairRoster } from './rosterTypes';

/**
 * The rotation record to `epoch` that every device follows, or undefined. A record counts only
 * under its writer's own signature, written by a device the roster counts as the pair's (see
 * `PairRoster`). A record whose writer, or the writer's person, another counting record
 * removes is set aside (a device or person being removed cannot answer with its own). Of the
 * rest, or of all if they remove each other, the lowest writer id wins, the same everywhere.
 *
 * @example
 *   const record = chooseRotation(doc, epoch + 1, chainRoster(membership));
 */
export function chooseRotation(
  doc: Y.Doc,
  epoch: number,
  roster: PairRoster,
): RotationRecord | undefined {
  const eligible = eligibleRecords(doc, epoch, roster);
  const removedDevices = new Set(eligible.flatMap((record) => record.removedDeviceIds));
  const removedPersons = new Set(eligible.flatMap((record) => record.removedPersonIds ?? []));
  const writerPerson = (record: RotationRecord) => roster.writerPerson(record.byDeviceId);
  return (
    eligible.find(
      (record) =>
        !removedDevices.has(record.byDeviceId) && !removedPersons.has(writerPerson(record) ?? ''),
    ) ?? eligible[0]
  );
}

/**
 * The devices and persons the pair's followed rotations, up to `epoch`, left out. In a workspace
 * from before the membership chain this, not the `removedAt` marks any member can write, is what
 * decides who is out (with a chain, the chain decides: `chainRoster`).
 *
 * @example
 *   const { devices, persons } = leftOutByRotations(doc, epoch + 1, docRoster(doc, me.personId));
 */
export function leftOutByRotations(
  doc: Y.Doc,
  epoch: number,
  roster: PairRoster,
): { devices: Set<string>; persons: Set<string> } {
  const devices = new Set<string>();
  const persons = new Set<string>();
  for (let each = 1; each <= epoch; each += 1) {
    const record = chooseRotation(doc, each, roster);
    for (const deviceId of record?.removedDeviceIds ?? []) devices.add(deviceId);
    for (const personId of record?.removedPersonIds ?? []) persons.add(personId);
  }
  return { devices, persons };
}

/**
 * The bytes a rotation record's signature covers: every field but the signature, canonical.
 *
 * @example
 *   signDetached({ message: signedRotationBytes(unsigned), domain: 'rotation', secretKey });
 */
export function signedRotationBytes(record: RotationRecord): Uint8Array {
  const sorted = (ids: readonly string[] | undefined) => [...(ids ?? [])].sort(compareStrings);
  const envelopes = Object.entries(record.envelopes).sort(([a], [b]) => compareStrings(a, b));
  return new TextEncoder().encode(
    JSON.stringify([
      'trellis/rotation/v1',
      record.epoch,
      record.byDeviceId,
      record.at,
      record.reason,
      sorted(record.removedDeviceIds),
      sorted(record.removedPersonIds),
      envelopes,
    ]),
  );
}

/**
 * The records for `epoch` that count (see `chooseRotation`), by writer id ascending.
 *
 * @example
 *   const writers = eligibleRecords(doc, epoch + 1, roster).map((record) => record.byDeviceId);
 */
export function eligibleRecords(doc: Y.Doc, epoch: number, roster: PairRoster): RotationRecord[] {
  return listRotationsFor(doc, epoch).filter((record) => {
    if (roster.writerPerson(record.byDeviceId) === undefined) return false;
    const signature = record.signature ? fromBase64Url(record.signature) : undefined;
    const publicKey = publicKeyOfDevice(record.byDeviceId);
    return (
      signature !== undefined &&
      publicKey !== undefined &&
      verifyDetached({
        signature,
        message: signedRotationBytes(record),
        domain: 'rotation',
        publicKey,
      })
    );
  });
}
