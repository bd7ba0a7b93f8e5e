// The joiner signs its request with its PERSON key: the inviter admits a person (whose
// fingerprint the partner can compare), and the request also carries the person's certificate
// of the device, so the inviter learns which device and box key the person vouches for. The
// signature covers the link binding and every field, so nobody who holds the link can swap the
// box key (to which the grant is sealed), the name shown, or replay the request to another link.
import {
  concatBytes,
  publicKeyOfDevice,
  verifyDetached,
  type DeviceIdentity,
  type PersonIdentity,
} from '$lib/crypto';
import type { InviteRole } from './invite';
import type { InviteOffer } from './inviteOffer';
import type { JoinRequest } from './inviteMessage';
import { signInviteMessage, verifyInviteMessage } from './inviteSignedBytes';

/** Why a request is not one the inviter may show. */
export type JoinRequestErrorCode =
  /** It asks for the role the inviter holds. */
  | 'REQUEST_WRONG_ROLE'
  /** It comes from the inviter's own person. */
  | 'REQUEST_FROM_INVITER'
  /** Its signature is not by the person it names, for this link (or a field is malformed). */
  | 'REQUEST_BAD_SIGNATURE'
  /** Its certificate is not that person's signature over its device id and box key. */
  | 'REQUEST_BAD_CERTIFICATE';

/** The role the joiner of an offer takes: the other one. */
export const joinerRoleOf = (offer: Pick<InviteOffer, 'inviterRole'>): InviteRole =>
  offer.inviterRole === 'mentor' ? 'mentee' : 'mentor';

/**
 * The joiner's request to be admitted through `offer`, signed (domain 'invite-request') by the
 * person key. The role is the one the inviter does not hold. `certificate` is the person's
 * 64-byte 'device-cert' signature over this device's id and box key.
 *
 * @example
 *   const request = signJoinRequest({ offer, person, device, certificate, name, timeZone });
 *   rendezvous.send(encodeInviteMessage(request));
 * @throws InvalidInviteError on an invalid offer, certificate size, name or time zone;
 *   CryptoNotReadyError before `readyCrypto()`.
 */
export function signJoinRequest(input: {
  offer: InviteOffer;
  person: PersonIdentity;
  device: DeviceIdentity;
  certificate: Uint8Array;
  name: string;
  timeZone: string;
}): JoinRequest {
  const { offer, person, device } = input;
  const unsigned: JoinRequest = {
    type: 'join-request',
    personId: person.personId,
    deviceId: device.deviceId,
    boxPublicKey: device.box.publicKey,
    certificate: input.certificate,
    role: joinerRoleOf(offer),
    name: input.name,
    timeZone: input.timeZone,
    signature: new Uint8Array(0),
  };
  return signInviteMessage(offer, unsigned, 'invite-request', person.signing.secretKey);
}

/**
 * Whether `request` may be shown to the inviter of `offer`: the other role, not the inviter,
 * signed by the person it names for this link, with a valid certificate of its device. Never
 * throws on malformed input.
 *
 * @example
 *   const checked = verifyJoinRequest(offer, request);
 *   if (!checked.ok) return; // ignore it, show nothing
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function verifyJoinRequest(
  offer: InviteOffer,
  request: JoinRequest,
): { ok: true } | { ok: false; code: JoinRequestErrorCode } {
  if (request.role !== joinerRoleOf(offer)) return { ok: false, code: 'REQUEST_WRONG_ROLE' };
  if (request.personId === offer.inviterPersonId) {
    return { ok: false, code: 'REQUEST_FROM_INVITER' };
  }
  const personKey = publicKeyOfDevice(request.personId);
  const deviceKey = publicKeyOfDevice(request.deviceId);
  if (
    !personKey ||
    !deviceKey ||
    !verifyInviteMessage(offer, request, 'invite-request', personKey)
  ) {
    return { ok: false, code: 'REQUEST_BAD_SIGNATURE' };
  }
  const certified = verifyDetached({
    signature: request.certificate,
    message: concatBytes([deviceKey, request.boxPublicKey]),
    domain: 'device-cert',
    publicKey: personKey,
  });
  return certified ? { ok: true } : { ok: false, code: 'REQUEST_BAD_CERTIFICATE' };
}
