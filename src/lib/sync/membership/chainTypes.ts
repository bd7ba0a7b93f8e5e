// The shapes of the signed membership chain (docs/PROTOCOL.md, "Membership chain"). A record is
// immutable and named by the hash of its bytes; the member set is derived from the records by
// `deriveMembership`, never read from doc fields any member could write.
import type { BoxPublicKey, DeviceId, PersonId } from '$lib/crypto';

/** A person's place in a chain: 'none' only in a person's private notes (one person). */
export type ChainRole = 'none' | 'mentor' | 'mentee';

/** What a record says. */
export type ChainBody =
  | { type: 'genesis'; role: ChainRole }
  | { type: 'admit'; personId: PersonId; role: ChainRole }
  | { type: 'remove-person'; personId: PersonId }
  | {
      type: 'device';
      owner: PersonId;
      deviceId: DeviceId;
      boxPublicKey: BoxPublicKey;
      /** The owner's 'device-cert' signature over deviceId bytes | boxPublicKey. */
      certificate: Uint8Array;
    }
  | { type: 'remove-device'; deviceId: DeviceId };

/** The record types, as their names. */
export type ChainRecordType = ChainBody['type'];

/** One verified record of the chain. */
export interface ChainRecord {
  /** base64url (43 chars) of BLAKE2b-256 of `bytes`. */
  hash: string;
  /** The whole record as signed and stored. */
  bytes: Uint8Array;
  workspaceId: string;
  /** The signing person. */
  author: PersonId;
  /** Hashes of the records this one follows, in ascending order of their raw bytes. */
  parents: string[];
  /** Unix seconds, as the author's clock said; for display only, never for decisions. */
  at: number;
  body: ChainBody;
}

/** Why `parseChainRecord` refused bytes. */
export type ChainRecordErrorCode =
  | 'MALFORMED'
  | 'TOO_LARGE'
  | 'BAD_VERSION'
  | 'BAD_TYPE'
  | 'WRONG_WORKSPACE'
  | 'BAD_PARENTS'
  | 'BAD_ROLE'
  | 'BAD_SIGNATURE'
  | 'BAD_CERTIFICATE';

/** Why `deriveMembership` did not count a record. */
export type ChainProblemCode =
  /** A genesis other than the anchored root. */
  | 'FOREIGN_GENESIS'
  /** The anchored root hash names a record that is not a genesis. */
  | 'BAD_ROOT'
  /** A parent (or an ancestor's parent) is absent, not placed, or part of a cycle. */
  | 'MISSING_PARENT'
  /** The author (or a device's owner) is not a current member when the record is judged. */
  | 'NOT_A_MEMBER'
  /** The target of a removal is not a current member. */
  | 'TARGET_NOT_MEMBER'
  /** The admitted person is already a member. */
  | 'ALREADY_MEMBER'
  /** An admission into notes, or of role 'none' into a pair. */
  | 'NOT_ALLOWED'
  /** The admitted role is held by a current member. */
  | 'ROLE_TAKEN'
  /** Authored by a removed person, concurrent with (or backdated past) their removal. */
  | 'VOIDED'
  /** A device id filed earlier with another owner or box key. */
  | 'CONFLICT'
  /** A device record for a device already removed. */
  | 'REMOVED';

/** The member set a device derives from the chain it verified. */
export interface Membership {
  /** The genesis hash this device anchored. */
  root: string;
  rootFound: boolean;
  rootPersonId?: PersonId;
  /** The genesis role: 'none' for notes, 'mentor' or 'mentee' for a pair. */
  kind?: ChainRole;
  /** Current members. */
  persons: Map<PersonId, { role: ChainRole }>;
  /** Were members, then removed or left (and not admitted again). */
  formerPersons: Set<PersonId>;
  /** Active devices: certified, filed by a member, owned by a member, not removed. */
  devices: Map<DeviceId, { owner: PersonId; boxPublicKey: BoxPublicKey; record: string }>;
  /** Device ids a counted removal names (filed or not). */
  removedDevices: Set<DeviceId>;
  /** Filed devices that are out now: removed, or owned by a former member. */
  formerDevices: Map<DeviceId, { owner: PersonId; boxPublicKey: BoxPublicKey; record: string }>;
  /** Counted records no counted record follows, ascending: the parents of the next record. */
  heads: string[];
  /** Every record not counted, and why, in walk order then hash order. */
  problems: Array<{ hash: string; code: ChainProblemCode }>;
}
