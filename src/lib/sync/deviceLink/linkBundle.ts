// The bundle is everything a newly linked device needs to act as the person: the person key
// pair, the profile, and the current key of every workspace (pairs and private notes). It only
// ever exists sealed to the new device's box key (`sealLinkBundle`), so it is binary and strict:
//
//   version(1) | person public key(32) | person secret key(64)
//   | varString name | role byte (1 mentor, 2 mentee) | varString timeZone
//   | notes flag (0 or 1) [| notesWorkspaceId(16)]
//   | varUint count | count × (workspaceId(16) | varUint epoch | key(32)
//                              | root flag (0 or 1) [| chainRoot(32)])
//
// The person id is not sent: it is the base64url of the public key, so it cannot disagree.
// The chain root travels with the key because a device that holds a workspace's key without
// its root could not tell the pair's real membership chain from one a member forged.
import {
  deviceIdOf,
  fromBase64Url,
  isBytes,
  SIGNING_PUBLIC_KEY_BYTES,
  SIGNING_SECRET_KEY_BYTES,
  isSigningKeyPair,
  SYMMETRIC_KEY_BYTES,
  toBase64Url,
  WORKSPACE_ID_BYTES,
  type PersonId,
  type SigningPublicKey,
  type SigningSecretKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import * as encoding from 'lib0/encoding';
import { isTimeZoneName } from '../binary/boundedText';
import { createByteReader, type ByteReader } from '../binary/byteReader';
import { chainRootField, readChainRoot } from '../binary/chainRootBytes';
import { InvalidDeviceLinkError } from './deviceLinkOffer';

/** Everything a new device of the person receives, version 2. */
export interface LinkBundle {
  version: typeof LINK_BUNDLE_VERSION;
  person: {
    personId: PersonId;
    signingPublicKey: SigningPublicKey;
    signingSecretKey: SigningSecretKey;
  };
  profile: {
    name: string;
    role: 'mentor' | 'mentee';
    timeZone: string;
    notesWorkspaceId?: WorkspaceId;
  };
  /**
   * The current epoch and key of each workspace, and its chain root (base64url of the genesis
   * record's 32-byte hash; absent for a workspace from before the chain); ids are distinct.
   */
  workspaces: Array<{
    workspaceId: WorkspaceId;
    epoch: number;
    key: WorkspaceKey;
    chainRoot?: string;
  }>;
}

/** The only bundle version this code reads and writes (2 added the chain root). */
export const LINK_BUNDLE_VERSION = 2;
/** Most workspaces in one bundle. */
export const MAX_LINK_WORKSPACES = 1000;
/** Most UTF-8 bytes in the profile name. */
export const MAX_PROFILE_NAME_BYTES = 400;
/** Most bytes in a time zone name (IANA names are far shorter). */
export const MAX_TIME_ZONE_BYTES = 100;

const ROLE_BYTE = { mentor: 1, mentee: 2 } as const;
const UINT32_MAX = 0xffff_ffff;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;
const isText = (text: unknown, max: number): text is string =>
  typeof text === 'string' && text.trim().length > 0 && utf8Length(text) <= max;
const isEpoch = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= UINT32_MAX;

/**
 * The bundle's bytes. The caller seals them at once (`sealLinkBundle` does both) and never
 * stores or logs them.
 *
 * @example
 *   const bytes = encodeLinkBundle(bundle);
 * @throws InvalidDeviceLinkError on a bundle that breaks its own type (key sizes, a person id
 *   that is not the public key's, a mismatched key pair, a repeated workspace, a chain root that
 *   is not base64url of 32 bytes, bounds).
 */
export function encodeLinkBundle(bundle: LinkBundle): Uint8Array {
  const { person, profile, workspaces } = bundle;
  const fail = (why: string) => new InvalidDeviceLinkError(`link bundle: ${why}`);
  if (bundle.version !== LINK_BUNDLE_VERSION) throw fail(`version must be ${LINK_BUNDLE_VERSION}`);
  if (!isSigningKeyPair(person.signingPublicKey, person.signingSecretKey)) {
    throw fail('the person secret key does not belong to the public key');
  }
  if ((deviceIdOf(person.signingPublicKey) as string) !== person.personId) {
    throw fail('personId is not the base64url of the public key');
  }
  if (!isText(profile.name, MAX_PROFILE_NAME_BYTES)) throw fail('profile name out of bounds');
  if (!Object.hasOwn(ROLE_BYTE, profile.role)) throw fail('role must be mentor or mentee');
  if (!isTimeZoneName(profile.timeZone, MAX_TIME_ZONE_BYTES)) {
    throw fail('timeZone is not a time zone name');
  }
  const notes =
    profile.notesWorkspaceId === undefined ? undefined : fromBase64Url(profile.notesWorkspaceId);
  if (profile.notesWorkspaceId !== undefined && notes?.length !== WORKSPACE_ID_BYTES) {
    throw fail('notesWorkspaceId must be base64url of 16 bytes');
  }
  if (!Array.isArray(workspaces) || workspaces.length > MAX_LINK_WORKSPACES) {
    throw fail('too many workspaces');
  }
  if (new Set(workspaces.map((entry) => entry.workspaceId)).size !== workspaces.length) {
    throw fail('a workspace appears twice');
  }

  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, LINK_BUNDLE_VERSION);
  encoding.writeUint8Array(encoder, person.signingPublicKey);
  encoding.writeUint8Array(encoder, person.signingSecretKey);
  encoding.writeVarString(encoder, profile.name);
  encoding.writeUint8(encoder, ROLE_BYTE[profile.role]);
  encoding.writeVarString(encoder, profile.timeZone);
  encoding.writeUint8(encoder, notes ? 1 : 0);
  if (notes) encoding.writeUint8Array(encoder, notes);
  encoding.writeVarUint(encoder, workspaces.length);
  for (const { workspaceId, epoch, key, chainRoot } of workspaces) {
    const id = fromBase64Url(workspaceId);
    if (id?.length !== WORKSPACE_ID_BYTES) throw fail('workspaceId must be base64url of 16 bytes');
    if (!isEpoch(epoch)) throw fail('epoch must be a uint32');
    if (!isBytes(key, SYMMETRIC_KEY_BYTES)) throw fail('workspace key must be 32 bytes');
    const root = chainRootField(chainRoot);
    if (!root) throw fail('chainRoot must be base64url of 32 bytes');
    encoding.writeUint8Array(encoder, id);
    encoding.writeVarUint(encoder, epoch);
    encoding.writeUint8Array(encoder, key);
    encoding.writeUint8Array(encoder, root);
  }
  return encoding.toUint8Array(encoder);
}

function readText(reader: ByteReader, max: number): string | undefined {
  const text = reader.varString();
  return isText(text, max) ? text : undefined;
}

function readWorkspaces(reader: ByteReader): LinkBundle['workspaces'] | undefined {
  const count = reader.varUint();
  if (count === undefined || count > MAX_LINK_WORKSPACES) return undefined;
  const workspaces: LinkBundle['workspaces'] = [];
  const seen = new Set<string>();
  for (let index = 0; index < count; index += 1) {
    const id = reader.bytes(WORKSPACE_ID_BYTES);
    const epoch = reader.varUint();
    const key = reader.bytes(SYMMETRIC_KEY_BYTES);
    const root = readChainRoot(reader.bytes(1)?.[0], reader.bytes);
    if (!id || !isEpoch(epoch) || !key || !root) return undefined;
    const workspaceId = toBase64Url(id) as WorkspaceId;
    if (seen.has(workspaceId)) return undefined;
    seen.add(workspaceId);
    const { chainRoot } = root;
    workspaces.push({
      workspaceId,
      epoch,
      key: key.slice() as WorkspaceKey,
      ...(chainRoot === undefined ? {} : { chainRoot }),
    });
  }
  return workspaces;
}

/**
 * Parses bundle bytes (after `openSealedToDevice`); `undefined` for anything that is not exactly
 * one valid bundle of version 2: wrong sizes or bounds, an unknown role or flag, a person secret
 * key that does not belong to its public key, a repeated workspace, a chain root cut short, bytes
 * after the end. Returns copies, so the caller may wipe `bytes`. Never throws on malformed input.
 *
 * @example
 *   const bundle = parseLinkBundle(opened.message);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function parseLinkBundle(bytes: Uint8Array): LinkBundle | undefined {
  if (!isBytes(bytes)) return undefined;
  const reader = createByteReader(bytes);
  if (reader.bytes(1)?.[0] !== LINK_BUNDLE_VERSION) return undefined;
  const publicKey = reader.bytes(SIGNING_PUBLIC_KEY_BYTES)?.slice();
  const secretKey = reader.bytes(SIGNING_SECRET_KEY_BYTES)?.slice();
  const name = readText(reader, MAX_PROFILE_NAME_BYTES);
  const roleByte = reader.bytes(1)?.[0];
  const timeZone = readText(reader, MAX_TIME_ZONE_BYTES);
  const notesFlag = reader.bytes(1)?.[0];
  const notes = notesFlag === 1 ? reader.bytes(WORKSPACE_ID_BYTES) : undefined;
  if (!publicKey || !secretKey || name === undefined || timeZone === undefined) return undefined;
  const role = roleByte === 1 ? 'mentor' : roleByte === 2 ? 'mentee' : undefined;
  if (!role || !isTimeZoneName(timeZone, MAX_TIME_ZONE_BYTES)) return undefined;
  if (notesFlag !== 0 && !(notesFlag === 1 && notes)) return undefined;
  const workspaces = readWorkspaces(reader);
  if (!workspaces || !reader.done() || !isSigningKeyPair(publicKey, secretKey)) return undefined;
  const signingPublicKey = publicKey as SigningPublicKey;
  return {
    version: LINK_BUNDLE_VERSION,
    person: {
      personId: deviceIdOf(signingPublicKey) as string as PersonId,
      signingPublicKey,
      signingSecretKey: secretKey as SigningSecretKey,
    },
    profile: {
      name,
      role,
      timeZone,
      ...(notes ? { notesWorkspaceId: toBase64Url(notes) as WorkspaceId } : {}),
    },
    workspaces,
  };
}
