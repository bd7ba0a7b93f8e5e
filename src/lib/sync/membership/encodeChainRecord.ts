// The bytes a chain record's signature covers: everything but the signature. `signChainRecord`
// writes them, and `parseChainRecord` writes them again from what it read and insists on the
// same bytes, so every record has exactly one encoding (no padded varuints, no second spelling
// that would give the same content a second hash).
import {
  BOX_KEY_BYTES,
  fromBase64Url,
  isBytes,
  publicKeyOfDevice,
  SIGNATURE_BYTES,
} from '$lib/crypto';
import * as encoding from 'lib0/encoding';
import {
  CHAIN_HASH_BYTES,
  CHAIN_RECORD_VERSION,
  CHAIN_ROLE_BYTE,
  CHAIN_TYPE_BYTE,
  MAX_CHAIN_PARENTS,
} from './chainLayout';
import type { ChainBody } from './chainTypes';
import { compareChainHashes } from './compareChainHashes';

/** A record that breaks its own format (thrown only when writing, never when parsing). */
export class InvalidChainRecordError extends Error {
  override name = 'InvalidChainRecordError';
}

/** The fields of a record before it is signed. */
export interface UnsignedChainRecord {
  workspaceId: string;
  author: string;
  /** Strictly ascending (see `compareChainHashes`). */
  parents: readonly string[];
  at: number;
  body: ChainBody;
}

function key32(text: string, field: string): Uint8Array {
  const bytes = publicKeyOfDevice(text);
  if (!bytes) throw new InvalidChainRecordError(`${field} must be base64url of 32 bytes`);
  return bytes;
}

function hash32(text: string): Uint8Array {
  const bytes = fromBase64Url(text);
  if (bytes?.length !== CHAIN_HASH_BYTES) {
    throw new InvalidChainRecordError('a parent must be base64url of a 32-byte hash');
  }
  return bytes;
}

/** Whether a record of this type must, or must not, name parents. */
export function parentsFitType(type: ChainBody['type'], count: number): boolean {
  return type === 'genesis' ? count === 0 : count > 0;
}

function writeBody(encoder: encoding.Encoder, body: ChainBody): void {
  switch (body.type) {
    case 'genesis':
      encoding.writeUint8(encoder, CHAIN_ROLE_BYTE[body.role]);
      return;
    case 'admit':
      encoding.writeUint8Array(encoder, key32(body.personId, 'personId'));
      encoding.writeUint8(encoder, CHAIN_ROLE_BYTE[body.role]);
      return;
    case 'remove-person':
      encoding.writeUint8Array(encoder, key32(body.personId, 'personId'));
      return;
    case 'device':
      if (!isBytes(body.boxPublicKey, BOX_KEY_BYTES)) {
        throw new InvalidChainRecordError('boxPublicKey must be 32 bytes');
      }
      if (!isBytes(body.certificate, SIGNATURE_BYTES)) {
        throw new InvalidChainRecordError('certificate must be 64 bytes');
      }
      encoding.writeUint8Array(encoder, key32(body.owner, 'owner'));
      encoding.writeUint8Array(encoder, key32(body.deviceId, 'deviceId'));
      encoding.writeUint8Array(encoder, body.boxPublicKey);
      encoding.writeUint8Array(encoder, body.certificate);
      return;
    case 'remove-device':
      encoding.writeUint8Array(encoder, key32(body.deviceId, 'deviceId'));
      return;
  }
}

/**
 * The signed part of a record.
 *
 * @example
 *   const unsigned = encodeChainRecordUnsigned({ workspaceId, author, parents, at, body });
 * @throws InvalidChainRecordError on a record that breaks the format (parents unsorted, too
 *   many or wrong for the type, a key of the wrong size, an unknown type or role, a bad `at`).
 */
export function encodeChainRecordUnsigned(record: UnsignedChainRecord): Uint8Array {
  const { parents, body } = record;
  const typeByte = CHAIN_TYPE_BYTE[body.type] as number | undefined;
  if (typeByte === undefined) throw new InvalidChainRecordError('unknown record type');
  if ('role' in body && (CHAIN_ROLE_BYTE[body.role] as number | undefined) === undefined) {
    throw new InvalidChainRecordError('unknown role');
  }
  if (parents.length > MAX_CHAIN_PARENTS || !parentsFitType(body.type, parents.length)) {
    throw new InvalidChainRecordError('a genesis has no parents; every other record has 1 to 32');
  }
  for (let index = 1; index < parents.length; index += 1) {
    if (compareChainHashes(parents[index - 1]!, parents[index]!) >= 0) {
      throw new InvalidChainRecordError('parents must be strictly ascending');
    }
  }
  if (!Number.isSafeInteger(record.at) || record.at < 0) {
    throw new InvalidChainRecordError('at must be a non-negative safe integer');
  }
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, CHAIN_RECORD_VERSION);
  encoding.writeUint8(encoder, typeByte);
  encoding.writeVarString(encoder, record.workspaceId);
  encoding.writeUint8Array(encoder, key32(record.author, 'author'));
  encoding.writeVarUint(encoder, parents.length);
  for (const parent of parents) encoding.writeUint8Array(encoder, hash32(parent));
  encoding.writeVarUint(encoder, record.at);
  writeBody(encoder, body);
  return encoding.toUint8Array(encoder);
}
