// The public API of the membership chain (docs/PROTOCOL.md, "Membership chain"): signed records
// a device verifies from the genesis it anchored, and the member and device sets derived from
// them. Doc fields such as `people` are display data; only this decides who is a member.
export type {
  ChainBody,
  ChainProblemCode,
  ChainRecord,
  ChainRecordErrorCode,
  ChainRecordType,
  ChainRole,
  Membership,
} from './chainTypes';
export {
  CHAIN_HASH_BYTES,
  CHAIN_RECORD_VERSION,
  MAX_CHAIN_PARENTS,
  MAX_CHAIN_RECORD_BYTES,
} from './chainLayout';
export { compareChainHashes } from './compareChainHashes';
export { chainRecordHash } from './chainRecordHash';
export { ownDeviceBody, signDeviceCertificate, verifyDeviceCertificate } from './deviceCertificate';
export { InvalidChainRecordError } from './encodeChainRecord';
export { signChainRecord } from './signChainRecord';
export { parseChainRecord, type ParseChainRecordResult } from './parseChainRecord';
export { deriveMembership } from './deriveMembership';
export { isActiveDevice } from './isActiveDevice';
export { chainHeads } from './chainHeads';
export { MEMBERSHIP_MAP_NAME } from './membershipMapName';
export { readChainFromDoc, type ChainDocProblemCode, type ChainFromDoc } from './readChainFromDoc';
export { writeChainRecord } from './writeChainRecord';
