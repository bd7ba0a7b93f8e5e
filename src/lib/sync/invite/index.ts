// The invite: a URL fragment that carries what a partner's device needs to join a pair
// (docs/PROTOCOL.md, "Keys you hold").
export {
  INVITE_BODY_CHARS,
  INVITE_BYTES,
  INVITE_CHECKSUM_BYTES,
  INVITE_FIELDS,
  INVITE_ID_BYTES,
  INVITE_PATH,
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
// Version 2 (docs/PROTOCOL.md, "Invite (version 2)"): a link that carries no workspace key, and
// the handshake through a rendezvous room that admits the partner by signature.
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
