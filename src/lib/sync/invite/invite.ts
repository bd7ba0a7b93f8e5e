// What an invite carries: everything the partner's device needs to join the pair without asking
// the relay anything it could lie about. The workspace key makes the link a secret, which is why
// it travels only in the URL fragment (never sent to a server) and is never logged.
import type { Brand, BoxPublicKey, DeviceId, WorkspaceId, WorkspaceKey } from '$lib/crypto';

/** The role the inviter holds in the pair; the partner takes the other one. */
export type InviteRole = 'mentor' | 'mentee';

/** base64url (no padding) of 16 random bytes: 22 characters. Names one invite for revocation. */
export type InviteId = Brand<string, 'InviteId'>;

/** A decoded invite, version 1. */
export interface Invite {
  version: 1;
  workspaceId: WorkspaceId;
  /** uint32: the epoch whose key this is. */
  epoch: number;
  workspaceKey: WorkspaceKey;
  /** The inviter's device id (its Ed25519 public key). */
  inviterDeviceId: DeviceId;
  /** The inviter's X25519 key, for keys sealed back to the inviter. */
  inviterBoxPublicKey: BoxPublicKey;
  inviteId: InviteId;
  inviterRole: InviteRole;
  /** uint32 unix seconds; the invite is refused from this instant on. */
  expiresAt: number;
}

/** An invite that cannot be encoded: a programming error in the caller, not bad input. */
export class InvalidInviteError extends Error {
  override readonly name = 'InvalidInviteError';
}
