// The four messages of the version-2 invite handshake, as they travel (sealed under the
// rendezvous key) through the invite's rendezvous room. The layout is binary and strict: a
// version byte, a type byte, fixed-size keys, bounded text, and always a 64-byte signature last,
// with nothing after it. Every message is signed by a person key over the link binding and the
// bytes before its signature (`inviteSignedBytes`), so the unsigned part is exactly what is
// signed:
//
//   join-request: 2 | 1 | personId(32) | deviceId(32) | boxPublicKey(32) | certificate(64)
//                 | role u8 | varString name | varString timeZone | signature(64)
//   join-grant:   2 | 2 | to(32) | varBytes sealed | signature(64)
//   join-decline: 2 | 3 | to(32) | signature(64)
//   join-closed:  2 | 4 | reason u8 | signature(64)
import {
  BOX_KEY_BYTES,
  concatBytes,
  isBytes,
  publicKeyOfDevice,
  SIGNATURE_BYTES,
  type BoxPublicKey,
  type DeviceId,
  type PersonId,
} from '$lib/crypto';
import * as encoding from 'lib0/encoding';
import { isBoundedText, isTimeZoneName } from '../binary/boundedText';
import { InvalidInviteError, type InviteRole } from './invite';
import { byteOfRole } from './inviteLayout';

/** Why the inviter closed the link; anyone who opens it later is told, and gets nothing else. */
export type InviteClosedReason = 'used' | 'second-request' | 'revoked' | 'expired';

/** The joiner asks to be admitted. Signed by the joiner's person key. */
export interface JoinRequest {
  type: 'join-request';
  personId: PersonId;
  deviceId: DeviceId;
  boxPublicKey: BoxPublicKey;
  /** The person key's 'device-cert' signature over deviceId bytes | boxPublicKey. */
  certificate: Uint8Array;
  /** The joiner's role: the one the inviter does not hold. */
  role: InviteRole;
  name: string;
  timeZone: string;
  signature: Uint8Array;
}

/** The inviter admits the request of device `to`: the grant bundle sealed to its box key. */
export interface JoinGrant {
  type: 'join-grant';
  to: DeviceId;
  sealed: Uint8Array;
  signature: Uint8Array;
}

/** The inviter turns down the request of device `to`. */
export interface JoinDecline {
  type: 'join-decline';
  to: DeviceId;
  signature: Uint8Array;
}

/** The inviter says the link is done, and why. */
export interface JoinClosed {
  type: 'join-closed';
  reason: InviteClosedReason;
  signature: Uint8Array;
}

/** A message of the invite handshake. */
export type InviteMessage = JoinRequest | JoinGrant | JoinDecline | JoinClosed;
/** A message the inviter signs. */
export type JoinAnswer = JoinGrant | JoinDecline | JoinClosed;

/** The message version; the same as the link's. */
export const INVITE_MESSAGE_VERSION = 2;
/** Most UTF-8 bytes in a request's name. */
export const MAX_JOIN_NAME_BYTES = 200;
/** Most bytes in a request's time zone name. */
export const MAX_JOIN_TIME_ZONE_BYTES = 64;
/** Most bytes in a grant's sealed bundle (the largest bundle is 318 + 48). */
export const MAX_SEALED_GRANT_BYTES = 512;
/** Most bytes in any message; a longer one is refused unread. */
export const MAX_INVITE_MESSAGE_BYTES = 1024;

/** The type byte of each message. */
export const INVITE_MESSAGE_TYPE_BYTE = {
  'join-request': 1,
  'join-grant': 2,
  'join-decline': 3,
  'join-closed': 4,
} as const satisfies Record<InviteMessage['type'], number>;

/** The reason byte of each closing reason; 0 and 5–255 are invalid. */
export const CLOSED_REASON_BYTE = {
  used: 1,
  'second-request': 2,
  revoked: 3,
  expired: 4,
} as const satisfies Record<InviteClosedReason, number>;

const fail = (why: string) => new InvalidInviteError(`invite message: ${why}`);

function keyBytes(id: string, field: string): Uint8Array {
  const bytes = publicKeyOfDevice(id);
  if (!bytes) throw fail(`${field} must be base64url of 32 bytes`);
  return bytes;
}

function writeBody(encoder: encoding.Encoder, message: InviteMessage): void {
  switch (message.type) {
    case 'join-request': {
      const role = byteOfRole(message.role);
      if (!isBytes(message.boxPublicKey, BOX_KEY_BYTES))
        throw fail('boxPublicKey must be 32 bytes');
      if (!isBytes(message.certificate, SIGNATURE_BYTES))
        throw fail('certificate must be 64 bytes');
      if (role === undefined) throw fail('role must be mentor or mentee');
      if (!isBoundedText(message.name, MAX_JOIN_NAME_BYTES)) throw fail('name out of bounds');
      if (!isTimeZoneName(message.timeZone, MAX_JOIN_TIME_ZONE_BYTES)) {
        throw fail('timeZone is not a time zone name');
      }
      encoding.writeUint8Array(encoder, keyBytes(message.personId, 'personId'));
      encoding.writeUint8Array(encoder, keyBytes(message.deviceId, 'deviceId'));
      encoding.writeUint8Array(encoder, message.boxPublicKey);
      encoding.writeUint8Array(encoder, message.certificate);
      encoding.writeUint8(encoder, role);
      encoding.writeVarString(encoder, message.name);
      encoding.writeVarString(encoder, message.timeZone);
      return;
    }
    case 'join-grant':
      if (!isBytes(message.sealed) || message.sealed.length > MAX_SEALED_GRANT_BYTES) {
        throw fail('sealed must be at most 512 bytes');
      }
      encoding.writeUint8Array(encoder, keyBytes(message.to, 'to'));
      encoding.writeVarUint8Array(encoder, message.sealed);
      return;
    case 'join-decline':
      encoding.writeUint8Array(encoder, keyBytes(message.to, 'to'));
      return;
    case 'join-closed': {
      const reason = Object.hasOwn(CLOSED_REASON_BYTE, message.reason)
        ? CLOSED_REASON_BYTE[message.reason]
        : undefined;
      if (reason === undefined) throw fail('unknown closing reason');
      encoding.writeUint8(encoder, reason);
      return;
    }
    default:
      throw fail('unknown message type');
  }
}

/**
 * The bytes of `message` before its signature: what `inviteSignedBytes` binds to the link.
 *
 * @example
 *   const unsigned = encodeUnsignedInviteMessage({ ...request, signature: new Uint8Array(64) });
 * @throws InvalidInviteError on a message that breaks its own type (sizes, bounds, role, reason).
 */
export function encodeUnsignedInviteMessage(message: InviteMessage): Uint8Array {
  const type = Object.hasOwn(INVITE_MESSAGE_TYPE_BYTE, message.type)
    ? INVITE_MESSAGE_TYPE_BYTE[message.type]
    : undefined;
  if (type === undefined) throw fail('unknown message type');
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, INVITE_MESSAGE_VERSION);
  encoding.writeUint8(encoder, type);
  writeBody(encoder, message);
  return encoding.toUint8Array(encoder);
}

/**
 * The bytes of an invite message, to `rendezvous.send`.
 *
 * @example
 *   rendezvous.send(encodeInviteMessage(signJoinRequest({ offer, person, device, … })));
 * @throws InvalidInviteError on a message that breaks its own type.
 */
export function encodeInviteMessage(message: InviteMessage): Uint8Array {
  if (!isBytes(message.signature, SIGNATURE_BYTES)) throw fail('signature must be 64 bytes');
  return concatBytes([encodeUnsignedInviteMessage(message), message.signature]);
}
