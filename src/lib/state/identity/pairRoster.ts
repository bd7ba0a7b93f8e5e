// Who a pair's devices and persons are, as the rotation code asks it. A pair made since the
// membership chain answers from the chain this device verified (`chainRoster`); one from before
// it (version 1) answers from the doc's own registries (`docRoster`), which any member can write:
// that is the weakness the chain removes, kept only so such a pair can still be exported.
import { fromBase64Url, type DeviceId } from '$lib/crypto';
import type { SyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import type { Membership } from '$lib/sync/membership';
import { findDevice, listDevices, listPeople } from '$lib/workspace';
import type * as Y from 'yjs';
import { isDeviceCertified } from './deviceCertificate';
import { leftOutByRotations } from './rotationChoice';
import type { PairRoster } from './rosterTypes';

export type { PairRoster, RosterDevice } from './rosterTypes';

/**
 * The roster of a pair with a membership chain: writers are the devices the chain counted
 * (still active, or removed in this epoch: two devices removing each other must still resolve
 * to one record), recipients its active devices, and out what it removed.
 *
 * @example
 *   chooseRotation(doc, epoch + 1, chainRoster(engine.membership()!));
 */
export function chainRoster(membership: Membership): PairRoster {
  return {
    writerPerson: (deviceId) => {
      const id = deviceId as DeviceId;
      return membership.devices.get(id)?.owner ?? membership.formerDevices.get(id)?.owner;
    },
    recipients: () =>
      [...membership.devices].map(([deviceId, device]) => ({
        deviceId,
        personId: device.owner,
        boxPublicKey: device.boxPublicKey,
      })),
    leftOut: () => ({
      devices: new Set(membership.formerDevices.keys()),
      persons: new Set(membership.formerPersons),
    }),
  };
}

/**
 * The roster of a pair from before the chain: registered devices with a valid certificate whose
 * person is in the pair's `people` (the reader's own person counts: a private-notes doc lists
 * none), and out what the followed rotations up to `upToEpoch` left out.
 *
 * @example
 *   chooseRotation(doc, epoch + 1, docRoster(doc, { personId: me.personId, upToEpoch: epoch }));
 */
export function docRoster(doc: Y.Doc, viewer: { personId: string; upToEpoch: number }): PairRoster {
  const viewerPersonId = viewer.personId;
  const roster: PairRoster = {
    writerPerson(deviceId) {
      const members = new Set([
        viewerPersonId,
        ...listPeople(doc).map((person) => person.personId),
      ]);
      const writer = findDevice(doc, deviceId);
      return writer && isDeviceCertified(writer) && members.has(writer.personId)
        ? writer.personId
        : undefined;
    },
    recipients: () =>
      listDevices(doc).flatMap((device) => {
        const boxPublicKey = fromBase64Url(device.boxPublicKey);
        return boxPublicKey && isDeviceCertified(device)
          ? [{ deviceId: device.deviceId, personId: device.personId, boxPublicKey }]
          : [];
      }),
    leftOut: () => leftOutByRotations(doc, viewer.upToEpoch, roster),
  };
  return roster;
}

/**
 * The roster an open workspace answers with: its chain's, or for a workspace from before the
 * chain its doc's (up to the epoch after the current one, so a rotation under way counts).
 *
 * @example
 *   canRotate(engine, rosterOf(engine, me.personId));
 */
export function rosterOf(
  engine: Pick<SyncedWorkspace, 'membership' | 'innerDoc' | 'status'>,
  personId: string,
): PairRoster {
  const membership = engine.membership();
  if (membership) return chainRoster(membership);
  const upToEpoch = engine.status.get().epoch + 1;
  return docRoster(engine.innerDoc, { personId, upToEpoch });
}
