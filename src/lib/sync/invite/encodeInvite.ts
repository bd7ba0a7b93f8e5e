import {
  BOX_KEY_BYTES,
  fromBase64Url,
  isBytes,
  publicKeyOfDevice,
  SYMMETRIC_KEY_BYTES,
  toBase64Url,
  WORKSPACE_ID_BYTES,
} from '$lib/crypto';
import { InvalidInviteError, type Invite } from './invite';
import { computeInviteChecksum } from './inviteChecksum';
import {
  INVITE_BYTES,
  INVITE_FIELDS,
  INVITE_ID_BYTES,
  INVITE_PREFIX,
  INVITE_VERSION,
  byteOfRole,
  isUint32,
} from './inviteLayout';

/**
 * The 141 bytes of an invite (checksum included). Throws `InvalidInviteError` on an invite that
 * breaks its own type: every field is checked, so a wrong size never reaches the link.
 *
 * @example
 *   encodeInviteBytes(invite).length; // 141
 */
export function encodeInviteBytes(invite: Invite): Uint8Array {
  const workspace = fromBase64Url(invite.workspaceId);
  const device = publicKeyOfDevice(invite.inviterDeviceId);
  const inviteId = fromBase64Url(invite.inviteId);
  const roleByte = byteOfRole(invite.inviterRole);
  if (invite.version !== INVITE_VERSION) throw new InvalidInviteError('version must be 1');
  if (workspace?.length !== WORKSPACE_ID_BYTES) {
    throw new InvalidInviteError('workspaceId must be base64url of 16 bytes');
  }
  if (!isUint32(invite.epoch)) throw new InvalidInviteError('epoch must be a uint32');
  if (!isBytes(invite.workspaceKey, SYMMETRIC_KEY_BYTES)) {
    throw new InvalidInviteError('workspaceKey must be 32 bytes');
  }
  if (!device) throw new InvalidInviteError('inviterDeviceId must be base64url of 32 bytes');
  if (!isBytes(invite.inviterBoxPublicKey, BOX_KEY_BYTES)) {
    throw new InvalidInviteError('inviterBoxPublicKey must be 32 bytes');
  }
  if (inviteId?.length !== INVITE_ID_BYTES) {
    throw new InvalidInviteError('inviteId must be base64url of 16 bytes');
  }
  if (roleByte === undefined) throw new InvalidInviteError('inviterRole must be mentor or mentee');
  if (!isUint32(invite.expiresAt)) throw new InvalidInviteError('expiresAt must be a uint32');

  const bytes = new Uint8Array(INVITE_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(workspace, INVITE_FIELDS.workspaceId.offset);
  view.setUint32(INVITE_FIELDS.epoch.offset, invite.epoch);
  bytes.set(invite.workspaceKey, INVITE_FIELDS.workspaceKey.offset);
  bytes.set(device, INVITE_FIELDS.inviterDeviceId.offset);
  bytes.set(invite.inviterBoxPublicKey, INVITE_FIELDS.inviterBoxPublicKey.offset);
  bytes.set(inviteId, INVITE_FIELDS.inviteId.offset);
  bytes[INVITE_FIELDS.inviterRole.offset] = roleByte;
  view.setUint32(INVITE_FIELDS.expiresAt.offset, invite.expiresAt);
  const checksumAt = INVITE_FIELDS.checksum.offset;
  bytes.set(computeInviteChecksum(bytes.subarray(0, checksumAt)), checksumAt);
  return bytes;
}

/**
 * The URL fragment (without `#`) that carries `invite`: `t1.` and the base64url of its 141
 * bytes, 191 characters in all. It holds the workspace key: never log it, never send it to a
 * server.
 *
 * @example
 *   const fragment = encodeInvite(invite); // 't1.q3Jx…'
 * @throws InvalidInviteError on an invite that breaks its own type; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function encodeInvite(invite: Invite): string {
  return INVITE_PREFIX + toBase64Url(encodeInviteBytes(invite));
}
