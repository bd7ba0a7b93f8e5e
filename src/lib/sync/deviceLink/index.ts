// Linking a second device of the same person: the offer the old device shows (link and QR), the
// three messages both devices exchange through a rendezvous room, and the sealed bundle of
// secrets the new device receives (docs/PROTOCOL.md, "Linking a device").
export {
  DEFAULT_DEVICE_LINK_LIFETIME_SECONDS,
  DEVICE_LINK_BODY_CHARS,
  DEVICE_LINK_BYTES,
  DEVICE_LINK_CHECKSUM_BYTES,
  DEVICE_LINK_FIELDS,
  DEVICE_LINK_PATH,
  DEVICE_LINK_PREFIX,
  DEVICE_LINK_SECRET_BYTES,
  DEVICE_LINK_VERSION,
} from './deviceLinkLayout';
export { InvalidDeviceLinkError, type DeviceLinkOffer } from './deviceLinkOffer';
export {
  DEVICE_LINK_ERROR_CODES,
  type DeviceLinkErrorCode,
  type DeviceLinkParseErrorCode,
  type DeviceLinkUsabilityErrorCode,
} from './deviceLinkErrors';
export { computeDeviceLinkChecksum } from './deviceLinkChecksum';
export { generateDeviceLinkOffer } from './generateDeviceLinkOffer';
export { encodeDeviceLinkOffer, encodeDeviceLinkOfferBytes } from './encodeDeviceLinkOffer';
export { parseDeviceLinkOffer, type ParseDeviceLinkResult } from './parseDeviceLinkOffer';
export { readDeviceLinkFromUrl } from './readDeviceLinkFromUrl';
export { buildDeviceLinkUrl } from './buildDeviceLinkUrl';
export { checkDeviceLinkUsable } from './checkDeviceLinkUsable';
export { deviceLinkErrorMessage } from './deviceLinkErrorMessage';
export {
  encodeLinkMessage,
  isValidDeviceName,
  LINK_MESSAGE_VERSION,
  MAX_DEVICE_NAME_BYTES,
  MAX_SEALED_BUNDLE_BYTES,
  parseLinkMessage,
  type LinkGrant,
  type LinkMessage,
  type LinkRequest,
} from './linkMessage';
export { signLinkRequest, verifyLinkRequest } from './signLinkRequest';
export { openLinkGrant, signLinkGrant, type OpenLinkGrantErrorCode } from './linkGrant';
export { linkConfirmationCode } from './linkConfirmationCode';
export {
  encodeLinkBundle,
  LINK_BUNDLE_VERSION,
  MAX_LINK_WORKSPACES,
  MAX_PROFILE_NAME_BYTES,
  MAX_TIME_ZONE_BYTES,
  parseLinkBundle,
  type LinkBundle,
} from './linkBundle';
export { openLinkBundle, sealLinkBundle } from './sealLinkBundle';
