// Parties for the invite-handshake tests: an inviter (person and device), a joiner (person,
// device and the person's certificate of the device, made by the app's own `certifyDevice`), a
// fresh offer, and a grant bundle with seeded bytes.
import {
  fromBase64Url,
  generateDeviceIdentity,
  generatePersonIdentity,
  toBase64Url,
  type DeviceIdentity,
  type PersonIdentity,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { certifyDevice } from '$lib/state/identity/deviceCertificate';
import {
  generateInviteOffer,
  signJoinRequest,
  type GrantBundle,
  type InviteOffer,
  type InviteRole,
  type JoinRequest,
} from '$lib/sync/invite';
import { seededBytes } from './inviteOfferFixture';

/** A person with one device and that device's certificate (64 bytes). */
export interface Party {
  person: PersonIdentity;
  device: DeviceIdentity;
  certificate: Uint8Array;
}

/** A fresh person and device, certified. */
export function makeParty(): Party {
  const person = generatePersonIdentity();
  const device = generateDeviceIdentity();
  const certificate = fromBase64Url(certifyDevice({ person, device }))!;
  return { person, device, certificate };
}

/** An inviter, a joiner, and an offer by the inviter expiring at 1000 + 7 days. */
export function handshake(inviterRole: InviteRole = 'mentor') {
  const inviter = makeParty();
  const joiner = makeParty();
  const offer = generateInviteOffer({
    inviterPersonId: inviter.person.personId,
    inviterRole,
    now: 1000,
  });
  return { inviter, joiner, offer };
}

/** The joiner's signed request through `offer`. */
export function requestOf(
  offer: InviteOffer,
  party: Party,
  fields: { name?: string; timeZone?: string } = {},
): JoinRequest {
  return signJoinRequest({
    offer,
    person: party.person,
    device: party.device,
    certificate: party.certificate,
    name: fields.name ?? 'Ana Lima — Recife',
    timeZone: fields.timeZone ?? 'America/Recife',
  });
}

/** A grant bundle with seeded workspace bytes; `counter` varies them. */
export function sampleGrantBundle(inviter: Party, counter = 0, pairTitle?: string): GrantBundle {
  return {
    workspaceId: toBase64Url(seededBytes('grant-workspace', counter, 16)) as WorkspaceId,
    epoch: [0, 7, 0xffff_ffff][counter % 3]!,
    workspaceKey: seededBytes('grant-key', counter, 32) as WorkspaceKey,
    chainRootHash: seededBytes('grant-root', counter, 32),
    inviterDeviceId: inviter.device.deviceId,
    ...(pairTitle === undefined ? {} : { pairTitle }),
  };
}

/** Whether `needle` occurs anywhere in `haystack`. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let at = 0; at + needle.length <= haystack.length; at += 1) {
    for (let index = 0; index < needle.length; index += 1) {
      if (haystack[at + index] !== needle[index]) continue outer;
    }
    return true;
  }
  return false;
}
