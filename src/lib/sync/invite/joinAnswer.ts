// The inviter answers with its PERSON key, the one whose fingerprint the link carries. Anyone
// who saw the link knows the rendezvous secret and could post an answer of their own (a grant
// of a workspace they control, a false "closed"); the joiner accepts only answers signed by the
// link's person. Each answer covers the link binding, and a grant or decline also the device it
// is for, so none can be replayed to another link or another device.
import {
  publicKeyOfDevice,
  type DeviceId,
  type DeviceIdentity,
  type PersonIdentity,
} from '$lib/crypto';
import { openGrantBundle, sealGrantBundle, type GrantBundle } from './grantBundle';
import { InvalidInviteError } from './invite';
import type { InviteOffer } from './inviteOffer';
import type { InviteClosedReason, JoinAnswer, JoinGrant, JoinRequest } from './inviteMessage';
import { signInviteMessage, verifyInviteMessage } from './inviteSignedBytes';
import { verifyJoinRequest } from './joinRequest';

/** Why an answer was not accepted. */
export type JoinAnswerErrorCode =
  /** A grant or decline addressed to another device: not ours. */
  | 'ANSWER_NOT_FOR_THIS_DEVICE'
  /** Not signed by the link's person for this link (or a field is malformed). */
  | 'ANSWER_BAD_SIGNATURE'
  /** A signed grant that does not open with this device's box key or holds no valid bundle. */
  | 'GRANT_UNREADABLE';

/** What the inviter answers. */
export type JoinAnswerInput =
  | { type: 'join-grant'; request: JoinRequest; bundle: GrantBundle }
  | { type: 'join-decline'; request: JoinRequest }
  | { type: 'join-closed'; reason: InviteClosedReason };

function unsignedAnswer(answer: JoinAnswerInput): JoinAnswer {
  const signature = new Uint8Array(0);
  switch (answer.type) {
    case 'join-grant': {
      const sealed = sealGrantBundle(answer.bundle, answer.request.boxPublicKey);
      return { type: 'join-grant', to: answer.request.deviceId, sealed, signature };
    }
    case 'join-decline':
      return { type: 'join-decline', to: answer.request.deviceId, signature };
    case 'join-closed':
      return { type: 'join-closed', reason: answer.reason, signature };
  }
}

/**
 * The inviter's signed answer (domain 'invite-answer'): a grant of `bundle` sealed to a verified
 * request's box key, a decline of a request, or the link closed for `reason`.
 *
 * @example
 *   const grant = signJoinAnswer({ offer, inviter: person, answer: { type: 'join-grant', request, bundle } });
 *   rendezvous.send(encodeInviteMessage(grant));
 *   rendezvous.send(encodeInviteMessage(signJoinAnswer({ offer, inviter: person, answer: { type: 'join-closed', reason: 'used' } })));
 * @throws InvalidInviteError if `inviter` is not the offer's person, a grant's request does not
 *   verify, or the bundle is invalid; CryptoNotReadyError before `readyCrypto()`.
 */
export function signJoinAnswer(input: {
  offer: InviteOffer;
  inviter: PersonIdentity;
  answer: JoinAnswerInput;
}): JoinAnswer {
  const { offer, inviter, answer } = input;
  if (inviter.personId !== offer.inviterPersonId) {
    throw new InvalidInviteError('the inviter is not the person the offer names');
  }
  if (answer.type === 'join-grant' && !verifyJoinRequest(offer, answer.request).ok) {
    throw new InvalidInviteError('a grant answers only a request that verifies');
  }
  return signInviteMessage(
    offer,
    unsignedAnswer(answer),
    'invite-answer',
    inviter.signing.secretKey,
  );
}

/**
 * Whether `answer` is the link's person's answer for this link, and (for a grant or decline)
 * addressed to `deviceId` when one is given. The judge calls it without a device; a joiner with
 * its own. Never throws on malformed input.
 *
 * @example
 *   if (verifyJoinAnswer({ offer, answer, deviceId: me.deviceId }).ok) show('Declined');
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function verifyJoinAnswer(input: {
  offer: InviteOffer;
  answer: JoinAnswer;
  deviceId?: DeviceId;
}): { ok: true } | { ok: false; code: Exclude<JoinAnswerErrorCode, 'GRANT_UNREADABLE'> } {
  const { offer, answer, deviceId } = input;
  if (deviceId !== undefined && answer.type !== 'join-closed' && answer.to !== deviceId) {
    return { ok: false, code: 'ANSWER_NOT_FOR_THIS_DEVICE' };
  }
  const inviterKey = publicKeyOfDevice(offer.inviterPersonId);
  const signed = verifyInviteMessage(offer, answer, 'invite-answer', inviterKey);
  return signed ? { ok: true } : { ok: false, code: 'ANSWER_BAD_SIGNATURE' };
}

/**
 * Checks a grant against the offer this device joined through and opens its bundle with the
 * device's box secret key. Never throws on malformed input.
 *
 * @example
 *   const opened = openJoinGrant({ offer, grant, device: me });
 *   if (opened.ok) await joinPair(opened.bundle);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function openJoinGrant(input: {
  offer: InviteOffer;
  grant: JoinGrant;
  device: DeviceIdentity;
}): { ok: true; bundle: GrantBundle } | { ok: false; code: JoinAnswerErrorCode } {
  const { offer, grant, device } = input;
  const verified = verifyJoinAnswer({ offer, answer: grant, deviceId: device.deviceId });
  if (!verified.ok) return verified;
  const bundle = openGrantBundle(grant.sealed, device);
  return bundle ? { ok: true, bundle } : { ok: false, code: 'GRANT_UNREADABLE' };
}
