// The invite (docs/PROTOCOL.md, "Invite (version 2)"): a link (`i2.…`) that carries no workspace
// key, only a rendezvous secret and who is inviting, and the handshake through that rendezvous
// room that admits the partner by signature and seals the key to their device. The version-1
// links (`t1.…`), which carried the workspace key, are no longer read: `parseInviteOffer`
// refuses them with INVITE_OLD_VERSION.
export {
  INVITE_CHECKSUM_BYTES,
  INVITE_ID_BYTES,
  INVITE_PATH,
  OLD_INVITE_PREFIX,
} from './inviteLayout';
export { InvalidInviteError, type InviteId, type InviteRole } from './invite';
export {
  INVITE_ERROR_CODES,
  type InviteErrorCode,
  type InviteParseErrorCode,
  type InviteUsabilityErrorCode,
} from './inviteErrors';
export { inviteErrorMessage } from './inviteErrorMessage';
export { generateInviteId } from './generateInviteId';
export {
  DEFAULT_INVITE_OFFER_LIFETIME_SECONDS,
  INVITE_OFFER_BODY_CHARS,
  INVITE_OFFER_BYTES,
  INVITE_OFFER_FIELDS,
  INVITE_OFFER_PREFIX,
  INVITE_OFFER_SECRET_BYTES,
  INVITE_OFFER_VERSION,
} from './inviteOfferLayout';
export type { InviteOffer } from './inviteOffer';
export { computeInviteOfferChecksum } from './inviteChecksum';
export { generateInviteOffer } from './generateInviteOffer';
export { encodeInviteOffer, encodeInviteOfferBytes } from './encodeInviteOffer';
export { parseInviteOffer, type ParseInviteOfferResult } from './parseInviteOffer';
export { readInviteOfferFromUrl } from './readInviteOfferFromUrl';
export { buildInviteOfferLink } from './buildInviteOfferLink';
export { checkInviteOfferUsable } from './checkInviteOfferUsable';
export {
  CLOSED_REASON_BYTE,
  encodeInviteMessage,
  encodeUnsignedInviteMessage,
  INVITE_MESSAGE_TYPE_BYTE,
  INVITE_MESSAGE_VERSION,
  MAX_INVITE_MESSAGE_BYTES,
  MAX_JOIN_NAME_BYTES,
  MAX_JOIN_TIME_ZONE_BYTES,
  MAX_SEALED_GRANT_BYTES,
  type InviteClosedReason,
  type InviteMessage,
  type JoinAnswer,
  type JoinClosed,
  type JoinDecline,
  type JoinGrant,
  type JoinRequest,
} from './inviteMessage';
export {
  parseInviteMessage,
  type InviteMessageErrorCode,
  type ParseInviteMessageResult,
} from './parseInviteMessage';
export { inviteLinkBinding, inviteSignedBytes } from './inviteSignedBytes';
export {
  joinerRoleOf,
  signJoinRequest,
  verifyJoinRequest,
  type JoinRequestErrorCode,
} from './joinRequest';
export {
  CHAIN_ROOT_HASH_BYTES,
  encodeGrantBundle,
  MAX_PAIR_TITLE_BYTES,
  openGrantBundle,
  parseGrantBundle,
  sealGrantBundle,
  type GrantBundle,
} from './grantBundle';
export {
  openJoinGrant,
  signJoinAnswer,
  verifyJoinAnswer,
  type JoinAnswerErrorCode,
  type JoinAnswerInput,
} from './joinAnswer';
export { inviteConfirmationCode } from './inviteConfirmationCode';
export { judgeInviteRequests, type InviteRoomState } from './judgeInviteRequests';
export { inviteClosedMessage } from './inviteClosedMessage';
