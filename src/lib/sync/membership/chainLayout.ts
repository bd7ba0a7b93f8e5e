// Constants of the chain record format (docs/PROTOCOL.md, "Membership chain"):
//   version u8 (=1) | type u8 | workspaceId varString | author(32) | parentCount varUint |
//   parents(32 each, strictly ascending) | at varUint | body | signature(64)
import type { ChainRecordType, ChainRole } from './chainTypes';

/** The only record version this code reads and writes. */
export const CHAIN_RECORD_VERSION = 1;
/** Most bytes in one record. */
export const MAX_CHAIN_RECORD_BYTES = 1024;
/** Most parents one record may name. */
export const MAX_CHAIN_PARENTS = 32;
/** Bytes of a record hash (BLAKE2b-256). */
export const CHAIN_HASH_BYTES = 32;

/** The type byte of each record type. */
export const CHAIN_TYPE_BYTE: Readonly<Record<ChainRecordType, number>> = {
  genesis: 1,
  admit: 2,
  'remove-person': 3,
  device: 4,
  'remove-device': 5,
};

/** The role byte of each role. */
export const CHAIN_ROLE_BYTE: Readonly<Record<ChainRole, number>> = {
  none: 0,
  mentor: 1,
  mentee: 2,
};

/** The record type a type byte names, if any. */
export function chainTypeOfByte(byte: number): ChainRecordType | undefined {
  return (Object.keys(CHAIN_TYPE_BYTE) as ChainRecordType[]).find(
    (type) => CHAIN_TYPE_BYTE[type] === byte,
  );
}

/** The role a role byte names, if any. */
export function chainRoleOfByte(byte: number): ChainRole | undefined {
  return (Object.keys(CHAIN_ROLE_BYTE) as ChainRole[]).find(
    (role) => CHAIN_ROLE_BYTE[role] === byte,
  );
}
