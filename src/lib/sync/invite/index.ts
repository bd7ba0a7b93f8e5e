// The invite: a URL fragment that carries what a partner's device needs to join a pair
// (docs/PROTOCOL.md, "Keys you hold").
export {
  INVITE_BODY_CHARS,
  INVITE_BYTES,
  INVITE_CHECKSUM_BYTES,
  INVITE_FIELDS,
  INVITE_ID_BYTES,
  INVITE_PREFIX,
  INVITE_VERSION,
} from './inviteLayout';
export { InvalidInviteError, type Invite, type InviteId, type InviteRole } from './invite';
export {
  INVITE_ERROR_CODES,
  type InviteErrorCode,
  type InviteParseErrorCode,
  type InviteUsabilityErrorCode,
} from './inviteErrors';
export { computeInviteChecksum } from './inviteChecksum';
export { encodeInvite, encodeInviteBytes } from './encodeInvite';
export { parseInvite, type ParseInviteResult } from './parseInvite';
export { inviteErrorMessage } from './inviteErrorMessage';
export { buildInviteLink } from './buildInviteLink';
export { readInviteFromUrl } from './readInviteFromUrl';
export { checkInviteUsable } from './checkInviteUsable';
export { generateInviteId } from './generateInviteId';
