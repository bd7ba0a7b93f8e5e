// What a backup carries inside its passphrase container: the person's identity key pair, their
// profile and, for every workspace (pairs and private notes), the current epoch key and the
// inner doc's state. The device identity is left out on purpose: a restored device makes its
// own keys, because two live devices sharing one device key would reuse sequence numbers and
// Yjs client ids.
//
// Binary layout, version 2 (integers big-endian; str16 = u16 byte length | UTF-8):
//
//   version u8 = 2 | createdAt str16 | personId str16 | signingPublicKey(32)
//   | signingSecretKey(64) | name str16 | role u8 (0 mentor, 1 mentee) | timeZone str16
//   | hasNotes u8 (0|1) | notesWorkspaceId(16, if hasNotes) | count u16
//   | count × ( workspaceId(16) | epoch u32 | key(32) | hasRoot u8 (0|1)
//               | chainRoot(32, if hasRoot) | innerLength u32 | innerState )
//
// The chain root (the hash of the workspace's genesis record) is restored with the key: without
// it the restored device could not tell the pair's membership chain from a forged one.
//
// The container is authenticated, so a hostile payload needs the passphrase; it is parsed as
// strictly as any other input anyway (a backup may come from an older, buggier build, or from
// someone who knows the passphrase and wants to plant a bad key).
import {
  fromBase64Url,
  parseWorkspaceId,
  publicKeyOfDevice,
  isSigningKeyPair,
  toBase64Url,
  SIGNING_PUBLIC_KEY_BYTES,
  SIGNING_SECRET_KEY_BYTES,
  SYMMETRIC_KEY_BYTES,
  WORKSPACE_ID_BYTES,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { chainRootField, readChainRoot } from '../binary/chainRootBytes';

/** Everything a backup restores. */
export interface BackupContents {
  version: typeof BACKUP_PAYLOAD_VERSION;
  /** ISO 8601 UTC, e.g. `2025-03-01T09:30:00.000Z`. */
  createdAt: string;
  person: { personId: string; signingPublicKey: Uint8Array; signingSecretKey: Uint8Array };
  profile: {
    name: string;
    role: 'mentor' | 'mentee';
    timeZone: string;
    notesWorkspaceId?: string;
  };
  workspaces: Array<{
    workspaceId: WorkspaceId;
    epoch: number;
    key: WorkspaceKey;
    /** Base64url of the genesis record's 32-byte hash; absent for a workspace from before it. */
    chainRoot?: string;
    /** `Y.encodeStateAsUpdate` of the inner doc. */
    innerState: Uint8Array;
  }>;
}

/** The only payload version this code reads and writes (2 added the chain root). */
export const BACKUP_PAYLOAD_VERSION = 2;
/** More workspaces than anyone keeps; a larger count is refused before anything is allocated. */
export const BACKUP_MAX_WORKSPACES = 1_000;
/** Longest profile name (UTF-16 code units), as the workspace allows for a person's name. */
export const BACKUP_MAX_NAME_LENGTH = 200;
/** Longest time-zone name; IANA names are far shorter. */
const MAX_TIME_ZONE_LENGTH = 64;
const ROLES = ['mentor', 'mentee'] as const;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const UINT16_MAX = 0xffff;
const UINT32_MAX = 0xffff_ffff;

/** A backup's contents could not be encoded: a broken invariant of the caller. */
export class BackupPayloadError extends Error {
  override readonly name = 'BackupPayloadError';
}

const isUint32 = (value: number): boolean =>
  Number.isSafeInteger(value) && value >= 0 && value <= UINT32_MAX;

/** The 16 bytes a workspace id spells; the fields around it would shift for any other size. */
function workspaceIdBytes(id: string): Uint8Array {
  const bytes = parseWorkspaceId(id) === undefined ? undefined : fromBase64Url(id);
  if (!bytes) throw new BackupPayloadError('a workspace id is not valid');
  return bytes;
}

/** Appends fields to a growing list of chunks. */
class PayloadWriter {
  readonly #chunks: Uint8Array[] = [];

  bytes(value: Uint8Array): void {
    this.#chunks.push(value.slice());
  }

  uint(value: number, size: 1 | 2 | 4): void {
    const chunk = new Uint8Array(size);
    const view = new DataView(chunk.buffer);
    if (size === 1) view.setUint8(0, value);
    else if (size === 2) view.setUint16(0, value);
    else view.setUint32(0, value);
    this.#chunks.push(chunk);
  }

  string(value: string): void {
    const encoded = new TextEncoder().encode(value);
    if (encoded.length > UINT16_MAX) throw new BackupPayloadError('a text field is too long');
    this.uint(encoded.length, 2);
    this.#chunks.push(encoded);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#chunks.reduce((total, chunk) => total + chunk.length, 0));
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** Reads fields off the front; every read returns `undefined` once the bytes run out. */
class PayloadReader {
  #offset = 0;
  readonly #data: Uint8Array;
  readonly #view: DataView;
  readonly #utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(data: Uint8Array) {
    this.#data = data;
    this.#view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get done(): boolean {
    return this.#offset === this.#data.length;
  }

  bytes(length: number): Uint8Array | undefined {
    if (length > this.#data.length - this.#offset) return undefined;
    // A copy: the caller keeps keys and states after the decrypted buffer is wiped.
    const out = this.#data.slice(this.#offset, this.#offset + length);
    this.#offset += length;
    return out;
  }

  uint(size: 1 | 2 | 4): number | undefined {
    if (size > this.#data.length - this.#offset) return undefined;
    const at = this.#offset;
    this.#offset += size;
    if (size === 1) return this.#view.getUint8(at);
    return size === 2 ? this.#view.getUint16(at) : this.#view.getUint32(at);
  }

  string(): string | undefined {
    const length = this.uint(2);
    const bytes = length === undefined ? undefined : this.bytes(length);
    if (!bytes) return undefined;
    try {
      return this.#utf8.decode(bytes);
    } catch {
      return undefined;
    }
  }
}

/**
 * The payload bytes of `contents`, for `sealBackup`.
 *
 * @example
 *   const file = sealBackup({ payload: encodeBackupPayload(contents), passphrase });
 * @throws BackupPayloadError if `contents` would not parse back (wrong key sizes, a person id
 *   that is not its public key, an epoch outside uint32, a chain root that is not base64url of 32
 *   bytes, too many workspaces, …).
 */
export function encodeBackupPayload(contents: BackupContents): Uint8Array {
  const { person, profile, workspaces } = contents;
  if (workspaces.length > BACKUP_MAX_WORKSPACES) {
    throw new BackupPayloadError('too many workspaces for one backup');
  }
  const writer = new PayloadWriter();
  writer.uint(BACKUP_PAYLOAD_VERSION, 1);
  writer.string(contents.createdAt);
  writer.string(person.personId);
  writer.bytes(person.signingPublicKey);
  writer.bytes(person.signingSecretKey);
  writer.string(profile.name);
  writer.uint(ROLES.indexOf(profile.role), 1);
  writer.string(profile.timeZone);
  const notes = profile.notesWorkspaceId;
  writer.uint(notes === undefined ? 0 : 1, 1);
  if (notes !== undefined) writer.bytes(workspaceIdBytes(notes));
  writer.uint(workspaces.length, 2);
  for (const workspace of workspaces) {
    if (!isUint32(workspace.epoch) || workspace.innerState.length > UINT32_MAX) {
      throw new BackupPayloadError('a workspace epoch or state is out of range');
    }
    if (workspace.key.length !== SYMMETRIC_KEY_BYTES) {
      throw new BackupPayloadError('a workspace key is not 32 bytes');
    }
    const root = chainRootField(workspace.chainRoot);
    if (!root) throw new BackupPayloadError('a chain root is not base64url of 32 bytes');
    writer.bytes(workspaceIdBytes(workspace.workspaceId));
    writer.uint(workspace.epoch, 4);
    writer.bytes(workspace.key);
    writer.bytes(root);
    writer.uint(workspace.innerState.length, 4);
    writer.bytes(workspace.innerState);
  }
  const payload = writer.finish();
  // Writing what cannot be read back would leave the person with a useless backup they
  // believe in; checking here turns that into an error while the data is still on the device.
  if (!parseBackupPayload(payload)) {
    throw new BackupPayloadError('the backup contents are not valid');
  }
  return payload;
}

/**
 * Parses an opened backup's payload; `undefined` unless every field is well formed: version 2,
 * an ISO UTC time, a person id that is the spelling of the public key, a secret key whose
 * halves belong to that public key, a profile the app accepts, canonical workspace ids without
 * duplicates, 32-byte keys, chain-root flags of 0 or 1 (1 followed by 32 bytes), at most
 * {@link BACKUP_MAX_WORKSPACES} workspaces, and no bytes left over. Never throws on any input
 * once crypto is ready.
 *
 * @example
 *   const opened = openBackup({ file, passphrase });
 *   const contents = opened.ok ? parseBackupPayload(opened.payload) : undefined;
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function parseBackupPayload(bytes: Uint8Array): BackupContents | undefined {
  if (!(bytes instanceof Uint8Array)) return undefined;
  const reader = new PayloadReader(bytes);
  if (reader.uint(1) !== BACKUP_PAYLOAD_VERSION) return undefined;
  const createdAt = reader.string();
  if (createdAt === undefined || !isIsoUtc(createdAt)) return undefined;
  const personId = reader.string();
  const signingPublicKey = reader.bytes(SIGNING_PUBLIC_KEY_BYTES);
  const signingSecretKey = reader.bytes(SIGNING_SECRET_KEY_BYTES);
  if (personId === undefined || !signingPublicKey || !signingSecretKey) return undefined;
  const named = publicKeyOfDevice(personId);
  if (!named || toBase64Url(named) !== toBase64Url(signingPublicKey)) return undefined;
  if (!isSigningKeyPair(signingPublicKey, signingSecretKey)) return undefined;
  const profile = readProfile(reader);
  if (!profile) return undefined;
  const workspaces = readWorkspaces(reader);
  if (!workspaces || !reader.done) return undefined;
  return {
    version: BACKUP_PAYLOAD_VERSION,
    createdAt,
    person: { personId, signingPublicKey, signingSecretKey },
    profile,
    workspaces,
  };
}

function isIsoUtc(text: string): boolean {
  if (!ISO_UTC.test(text)) return false;
  const time = Date.parse(text);
  // The round trip rejects impossible dates such as February 30th.
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === text.slice(0, 19);
}

function readProfile(reader: PayloadReader): BackupContents['profile'] | undefined {
  const name = reader.string();
  const roleIndex = reader.uint(1);
  const timeZone = reader.string();
  const hasNotes = reader.uint(1);
  if (name === undefined || roleIndex === undefined || timeZone === undefined) return undefined;
  if (name.trim() === '' || name.length > BACKUP_MAX_NAME_LENGTH) return undefined;
  const role = ROLES[roleIndex];
  // The zone is not checked against this runtime's list: a zone unknown here falls back to UTC
  // when shown, which is better than refusing the whole backup.
  if (!role || timeZone === '' || timeZone.length > MAX_TIME_ZONE_LENGTH) return undefined;
  if (hasNotes === 0) return { name, role, timeZone };
  const notes = hasNotes === 1 ? reader.bytes(WORKSPACE_ID_BYTES) : undefined;
  if (!notes) return undefined;
  return { name, role, timeZone, notesWorkspaceId: toBase64Url(notes) };
}

function readWorkspaces(reader: PayloadReader): BackupContents['workspaces'] | undefined {
  const count = reader.uint(2);
  if (count === undefined || count > BACKUP_MAX_WORKSPACES) return undefined;
  const workspaces: BackupContents['workspaces'] = [];
  const seen = new Set<string>();
  for (let index = 0; index < count; index += 1) {
    const idBytes = reader.bytes(WORKSPACE_ID_BYTES);
    const epoch = reader.uint(4);
    const key = reader.bytes(SYMMETRIC_KEY_BYTES);
    const root = readChainRoot(reader.uint(1), (length) => reader.bytes(length));
    const innerLength = reader.uint(4);
    const innerState = innerLength === undefined ? undefined : reader.bytes(innerLength);
    if (!idBytes || epoch === undefined || !key || !root || !innerState) return undefined;
    const workspaceId = parseWorkspaceId(toBase64Url(idBytes));
    if (!workspaceId || seen.has(workspaceId)) return undefined;
    seen.add(workspaceId);
    const { chainRoot } = root;
    workspaces.push({
      workspaceId,
      epoch,
      key: key as WorkspaceKey,
      ...(chainRoot === undefined ? {} : { chainRoot }),
      innerState,
    });
  }
  return workspaces;
}
