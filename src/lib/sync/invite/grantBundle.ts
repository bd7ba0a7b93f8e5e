// The grant bundle is what admission gives the joiner: the pair's workspace and current key, the
// membership chain's root (so the joiner verifies the chain it then fetches against it), and
// which inviter device granted. It only ever exists sealed to the joiner's box key, so it is
// binary and strict:
//
//   workspaceId(16) | epoch u32be | workspaceKey(32) | chain root hash(32) | inviterDeviceId(32)
//   | varString pair title (empty: none; else 1 to 200 UTF-8 bytes, not blank)
import {
  fromBase64Url,
  isBytes,
  publicKeyOfDevice,
  SIGNING_PUBLIC_KEY_BYTES,
  SYMMETRIC_KEY_BYTES,
  toBase64Url,
  WORKSPACE_ID_BYTES,
  deviceIdOf,
  type BoxPublicKey,
  type DeviceId,
  type DeviceIdentity,
  type SigningPublicKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import * as encoding from 'lib0/encoding';
import { isBoundedText } from '../binary/boundedText';
import { createByteReader } from '../binary/byteReader';
import { openAndParse, sealAndWipe } from '../rendezvous/sealedPayload';
import { InvalidInviteError } from './invite';
import { isUint32 } from './inviteLayout';

/** What the joiner receives on admission. */
export interface GrantBundle {
  workspaceId: WorkspaceId;
  /** uint32: the epoch whose key this is. */
  epoch: number;
  workspaceKey: WorkspaceKey;
  /** 32 bytes: the hash of the membership chain's root record. */
  chainRootHash: Uint8Array;
  /** The inviter's device that granted. */
  inviterDeviceId: DeviceId;
  /** The pair's title, if it has one. */
  pairTitle?: string;
}

/** Most UTF-8 bytes in the pair title. */
export const MAX_PAIR_TITLE_BYTES = 200;
/** Bytes of the chain root hash. */
export const CHAIN_ROOT_HASH_BYTES = 32;

const fail = (why: string) => new InvalidInviteError(`grant bundle: ${why}`);

/**
 * The bundle's bytes. The caller seals them at once (`sealGrantBundle` does both) and never
 * stores or logs them.
 *
 * @example
 *   const bytes = encodeGrantBundle(bundle);
 * @throws InvalidInviteError on a bundle that breaks its own type.
 */
export function encodeGrantBundle(bundle: GrantBundle): Uint8Array {
  const workspace = fromBase64Url(bundle.workspaceId);
  const device = publicKeyOfDevice(bundle.inviterDeviceId);
  if (workspace?.length !== WORKSPACE_ID_BYTES) throw fail('workspaceId must be 16 bytes');
  if (!isUint32(bundle.epoch)) throw fail('epoch must be a uint32');
  if (!isBytes(bundle.workspaceKey, SYMMETRIC_KEY_BYTES)) throw fail('key must be 32 bytes');
  if (!isBytes(bundle.chainRootHash, CHAIN_ROOT_HASH_BYTES)) throw fail('root must be 32 bytes');
  if (!device) throw fail('inviterDeviceId must be base64url of 32 bytes');
  const title = bundle.pairTitle ?? '';
  if (bundle.pairTitle !== undefined && !isBoundedText(title, MAX_PAIR_TITLE_BYTES)) {
    throw fail('pairTitle out of bounds');
  }
  const encoder = encoding.createEncoder();
  encoding.writeUint8Array(encoder, workspace);
  const epoch = new Uint8Array(4);
  new DataView(epoch.buffer).setUint32(0, bundle.epoch);
  encoding.writeUint8Array(encoder, epoch);
  encoding.writeUint8Array(encoder, bundle.workspaceKey);
  encoding.writeUint8Array(encoder, bundle.chainRootHash);
  encoding.writeUint8Array(encoder, device);
  encoding.writeVarString(encoder, title);
  return encoding.toUint8Array(encoder);
}

/**
 * Parses bundle bytes (after opening the seal); `undefined` for anything that is not exactly one
 * valid bundle (short, a blank or oversized title, a non-minimal length, bytes after the end).
 * Returns copies, so the caller may wipe `bytes`. Never throws on malformed input.
 *
 * @example
 *   const bundle = parseGrantBundle(opened.message);
 */
export function parseGrantBundle(bytes: Uint8Array): GrantBundle | undefined {
  if (!isBytes(bytes)) return undefined;
  const reader = createByteReader(bytes);
  const workspace = reader.bytes(WORKSPACE_ID_BYTES);
  const epoch = reader.bytes(4);
  const key = reader.bytes(SYMMETRIC_KEY_BYTES);
  const root = reader.bytes(CHAIN_ROOT_HASH_BYTES);
  const device = reader.bytes(SIGNING_PUBLIC_KEY_BYTES);
  const title = reader.varString();
  if (!workspace || !epoch || !key || !root || !device || title === undefined) return undefined;
  if (!reader.done() || (title !== '' && !isBoundedText(title, MAX_PAIR_TITLE_BYTES))) {
    return undefined;
  }
  const bundle: GrantBundle = {
    workspaceId: toBase64Url(workspace) as WorkspaceId,
    epoch: new DataView(epoch.buffer, epoch.byteOffset, 4).getUint32(0),
    workspaceKey: key.slice() as WorkspaceKey,
    chainRootHash: root.slice(),
    inviterDeviceId: deviceIdOf(device.slice() as SigningPublicKey),
    ...(title === '' ? {} : { pairTitle: title }),
  };
  // One canonical encoding only (a varuint length can be padded): re-encoding must match.
  const canonical = encodeGrantBundle(bundle);
  const same = canonical.length === bytes.length && canonical.every((b, at) => b === bytes[at]);
  canonical.fill(0);
  return same ? bundle : undefined;
}

/**
 * The bundle sealed (crypto_box_seal) to the request's box key; the plaintext is wiped.
 *
 * @example
 *   const sealed = sealGrantBundle(bundle, request.boxPublicKey);
 * @throws InvalidInviteError on an invalid bundle; CryptoNotReadyError before `readyCrypto()`.
 */
export function sealGrantBundle(bundle: GrantBundle, to: BoxPublicKey): Uint8Array {
  return sealAndWipe(encodeGrantBundle(bundle), to);
}

/**
 * Opens and parses a sealed bundle with this device's box key pair; `undefined` if it was sealed
 * to another key, tampered with, or is not a valid bundle. Never throws on malformed input.
 *
 * @example
 *   const bundle = openGrantBundle(grant.sealed, device);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function openGrantBundle(
  sealed: Uint8Array,
  device: Pick<DeviceIdentity, 'box'>,
): GrantBundle | undefined {
  return openAndParse(sealed, device.box, parseGrantBundle);
}
