// The three messages of the device-link protocol, as they travel (sealed) through the rendezvous
// room. The layout is binary and strict: one version byte, one type byte, fixed-size keys and
// bounded variable fields, nothing after the end. Anyone holding the link's secret can post to
// the room, so every message is parsed as hostile.
//
//   request: 1 | 1 | deviceId(32) | boxPublicKey(32) | varString name | signature(64)
//   grant:   1 | 2 | to(32) | varBytes sealed bundle | signature(64)
//   decline: 1 | 3 | to(32)
import {
  BOX_KEY_BYTES,
  concatBytes,
  deviceIdOf,
  isBytes,
  publicKeyOfDevice,
  SIGNATURE_BYTES,
  type BoxPublicKey,
  type DeviceId,
  type SigningPublicKey,
} from '$lib/crypto';
import * as encoding from 'lib0/encoding';
import { isBoundedText } from '../binary/boundedText';
import { createByteReader } from '../binary/byteReader';
import { InvalidDeviceLinkError } from './deviceLinkOffer';

/** A message of the device-link protocol. */
export type LinkMessage =
  | {
      type: 'request';
      deviceId: DeviceId;
      boxPublicKey: BoxPublicKey;
      deviceName: string;
      /** By the new device's signing key; see `signLinkRequest`. */
      signature: Uint8Array;
    }
  | {
      type: 'grant';
      to: DeviceId;
      /** `sealLinkBundle(bundle, request.boxPublicKey)`. */
      sealed: Uint8Array;
      /** By the offering device's signing key; see `signLinkGrant`. */
      signature: Uint8Array;
    }
  | { type: 'decline'; to: DeviceId };

/** A request message. */
export type LinkRequest = LinkMessage & { type: 'request' };
/** A grant message. */
export type LinkGrant = LinkMessage & { type: 'grant' };

/** The only message version this code reads and writes. */
export const LINK_MESSAGE_VERSION = 1;
/** Most UTF-8 bytes in a device name. */
export const MAX_DEVICE_NAME_BYTES = 200;
/** Most bytes in a grant's sealed bundle. */
export const MAX_SEALED_BUNDLE_BYTES = 128 * 1024;

const TYPE_BYTE = { request: 1, grant: 2, decline: 3 } as const;
const utf8Bytes = (text: string) => new TextEncoder().encode(text);

/** Whether `name` is a device name a request may carry: 1 to 200 UTF-8 bytes, not all blank. */
export function isValidDeviceName(name: unknown): name is string {
  return isBoundedText(name, MAX_DEVICE_NAME_BYTES);
}

function deviceBytes(deviceId: DeviceId, field: string): Uint8Array {
  const bytes = publicKeyOfDevice(deviceId);
  if (!bytes) throw new InvalidDeviceLinkError(`${field} must be base64url of 32 bytes`);
  return bytes;
}

/**
 * The bytes of a link message.
 *
 * @example
 *   rendezvous.send(encodeLinkMessage(signLinkRequest({ secret, identity, deviceName })));
 * @throws InvalidDeviceLinkError on a message that breaks its own type (wrong sizes, a name out
 *   of bounds).
 */
export function encodeLinkMessage(message: LinkMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, LINK_MESSAGE_VERSION);
  encoding.writeUint8(encoder, TYPE_BYTE[message.type]);
  switch (message.type) {
    case 'request': {
      if (!isBytes(message.boxPublicKey, BOX_KEY_BYTES)) {
        throw new InvalidDeviceLinkError('boxPublicKey must be 32 bytes');
      }
      if (!isValidDeviceName(message.deviceName)) {
        throw new InvalidDeviceLinkError('deviceName must be 1 to 200 UTF-8 bytes, not blank');
      }
      if (!isBytes(message.signature, SIGNATURE_BYTES)) {
        throw new InvalidDeviceLinkError('signature must be 64 bytes');
      }
      encoding.writeUint8Array(encoder, deviceBytes(message.deviceId, 'deviceId'));
      encoding.writeUint8Array(encoder, message.boxPublicKey);
      encoding.writeVarString(encoder, message.deviceName);
      encoding.writeUint8Array(encoder, message.signature);
      break;
    }
    case 'grant': {
      if (!isBytes(message.sealed) || message.sealed.length > MAX_SEALED_BUNDLE_BYTES) {
        throw new InvalidDeviceLinkError('sealed must be at most 128 KiB');
      }
      if (!isBytes(message.signature, SIGNATURE_BYTES)) {
        throw new InvalidDeviceLinkError('signature must be 64 bytes');
      }
      encoding.writeUint8Array(encoder, deviceBytes(message.to, 'to'));
      encoding.writeVarUint8Array(encoder, message.sealed);
      encoding.writeUint8Array(encoder, message.signature);
      break;
    }
    case 'decline':
      encoding.writeUint8Array(encoder, deviceBytes(message.to, 'to'));
      break;
    default:
      throw new InvalidDeviceLinkError('unknown message type');
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Parses an untrusted link message; `undefined` for anything that is not exactly one valid
 * message (unknown version or type, wrong sizes, a name out of bounds, bytes after the end).
 * Signatures are not checked here: see `verifyLinkRequest` and `openLinkGrant`. Never throws.
 *
 * @example
 *   const message = parseLinkMessage(bytes);
 *   if (message?.type === 'request' && verifyLinkRequest(offer.secret, message)) show(message);
 */
export function parseLinkMessage(bytes: Uint8Array): LinkMessage | undefined {
  if (!isBytes(bytes)) return undefined;
  const reader = createByteReader(bytes);
  const header = reader.bytes(2);
  if (header?.[0] !== LINK_MESSAGE_VERSION) return undefined;
  const device = reader.bytes(32);
  if (!device) return undefined;
  const deviceId = deviceIdOf(device.slice() as SigningPublicKey);
  let message: LinkMessage | undefined;
  switch (header[1]) {
    case TYPE_BYTE.request: {
      const boxPublicKey = reader.bytes(BOX_KEY_BYTES);
      const deviceName = reader.varString();
      const signature = reader.bytes(SIGNATURE_BYTES);
      if (!boxPublicKey || !isValidDeviceName(deviceName) || !signature) return undefined;
      message = {
        type: 'request',
        deviceId,
        boxPublicKey: boxPublicKey.slice() as BoxPublicKey,
        deviceName,
        signature: signature.slice(),
      };
      break;
    }
    case TYPE_BYTE.grant: {
      const length = reader.varUint();
      if (length === undefined || length > MAX_SEALED_BUNDLE_BYTES) return undefined;
      const sealed = reader.bytes(length);
      const signature = reader.bytes(SIGNATURE_BYTES);
      if (!sealed || !signature) return undefined;
      message = {
        type: 'grant',
        to: deviceId,
        sealed: sealed.slice(),
        signature: signature.slice(),
      };
      break;
    }
    case TYPE_BYTE.decline:
      message = { type: 'decline', to: deviceId };
      break;
    default:
      return undefined;
  }
  return reader.done() ? message : undefined;
}

/** The bytes a request or grant signature covers: a type byte keeps the two apart. */
export function linkSignedBytes(parts: {
  type: 'request' | 'grant';
  secret: Uint8Array;
  fields: readonly Uint8Array[];
}): Uint8Array {
  return concatBytes([new Uint8Array([TYPE_BYTE[parts.type]]), parts.secret, ...parts.fields]);
}

/** UTF-8 bytes of a device name, as signed. */
export const deviceNameBytes = utf8Bytes;
