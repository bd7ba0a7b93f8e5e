// Reading a record from anyone: every field is bounded, the encoding must be the one
// `encodeChainRecordUnsigned` writes, the signature must be the author's and a device record's
// certificate its owner's. Never throws; the first failed check names the refusal.
import {
  BOX_KEY_BYTES,
  deviceIdOf,
  isBytes,
  SIGNATURE_BYTES,
  SIGNING_PUBLIC_KEY_BYTES,
  toBase64Url,
  verifyDetached,
  type BoxPublicKey,
  type DeviceId,
  type PersonId,
  type SigningPublicKey,
} from '$lib/crypto';
import { createByteReader, type ByteReader } from '../binary/byteReader';
import {
  CHAIN_HASH_BYTES,
  CHAIN_RECORD_VERSION,
  chainRoleOfByte,
  chainTypeOfByte,
  MAX_CHAIN_PARENTS,
  MAX_CHAIN_RECORD_BYTES,
} from './chainLayout';
import { chainRecordHash } from './chainRecordHash';
import { sameBytes } from './sameBytes';
import type { ChainBody, ChainRecord, ChainRecordErrorCode, ChainRecordType } from './chainTypes';
import { verifyDeviceCertificate } from './deviceCertificate';
import {
  encodeChainRecordUnsigned,
  parentsFitType,
  type UnsignedChainRecord,
} from './encodeChainRecord';

/** What `parseChainRecord` returns. */
export type ParseChainRecordResult =
  { ok: true; record: ChainRecord } | { ok: false; code: ChainRecordErrorCode };

const fail = (code: ChainRecordErrorCode): ParseChainRecordResult => ({ ok: false, code });

const keyId = (bytes: Uint8Array) => deviceIdOf(bytes.slice() as SigningPublicKey);

/** Whether `a` sorts strictly before `b`, bytewise. */
function bytesAscending(a: Uint8Array, b: Uint8Array): boolean {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return a[index]! < b[index]!;
  }
  return false;
}

function readParents(reader: ByteReader): string[] | ChainRecordErrorCode {
  const count = reader.varUint();
  if (count === undefined) return 'MALFORMED';
  if (count > MAX_CHAIN_PARENTS) return 'BAD_PARENTS';
  const raw: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const parent = reader.bytes(CHAIN_HASH_BYTES);
    if (!parent) return 'MALFORMED';
    if (index > 0 && !bytesAscending(raw[index - 1]!, parent)) return 'BAD_PARENTS';
    raw.push(parent);
  }
  return raw.map((parent) => toBase64Url(parent));
}

function readBody(reader: ByteReader, type: ChainRecordType): ChainBody | ChainRecordErrorCode {
  const key = () => reader.bytes(SIGNING_PUBLIC_KEY_BYTES);
  const role = () => {
    const byte = reader.bytes(1);
    return byte ? (chainRoleOfByte(byte[0]!) ?? 'BAD_ROLE') : 'MALFORMED';
  };
  switch (type) {
    case 'genesis': {
      const genesisRole = role();
      return genesisRole === 'BAD_ROLE' || genesisRole === 'MALFORMED'
        ? genesisRole
        : { type, role: genesisRole };
    }
    case 'admit': {
      const person = key();
      if (!person) return 'MALFORMED';
      const admitRole = role();
      if (admitRole === 'BAD_ROLE' || admitRole === 'MALFORMED') return admitRole;
      return { type, personId: keyId(person) as string as PersonId, role: admitRole };
    }
    case 'remove-person': {
      const person = key();
      return person ? { type, personId: keyId(person) as string as PersonId } : 'MALFORMED';
    }
    case 'device': {
      const owner = key();
      const device = key();
      const box = reader.bytes(BOX_KEY_BYTES);
      const certificate = reader.bytes(SIGNATURE_BYTES);
      if (!owner || !device || !box || !certificate) return 'MALFORMED';
      return {
        type,
        owner: keyId(owner) as string as PersonId,
        deviceId: keyId(device),
        boxPublicKey: box.slice() as BoxPublicKey,
        certificate: certificate.slice(),
      };
    }
    case 'remove-device': {
      const device = key();
      return device ? { type, deviceId: keyId(device) as DeviceId } : 'MALFORMED';
    }
  }
}

/**
 * Parses and verifies one untrusted record of `expected.workspaceId`'s chain.
 *
 * @example
 *   const parsed = parseChainRecord(bytes, { workspaceId });
 *   if (parsed.ok) records.push(parsed.record);
 * @throws CryptoNotReadyError before `readyCrypto()`; nothing else.
 */
export function parseChainRecord(
  bytes: unknown,
  expected: { workspaceId: string },
): ParseChainRecordResult {
  if (!isBytes(bytes)) return fail('MALFORMED');
  if (bytes.length > MAX_CHAIN_RECORD_BYTES) return fail('TOO_LARGE');
  const reader = createByteReader(bytes);
  const header = reader.bytes(2);
  if (!header) return fail('MALFORMED');
  if (header[0] !== CHAIN_RECORD_VERSION) return fail('BAD_VERSION');
  const type = chainTypeOfByte(header[1]!);
  if (!type) return fail('BAD_TYPE');
  const workspaceId = reader.varString();
  if (workspaceId === undefined) return fail('MALFORMED');
  if (workspaceId !== expected.workspaceId) return fail('WRONG_WORKSPACE');
  const authorKey = reader.bytes(SIGNING_PUBLIC_KEY_BYTES);
  if (!authorKey) return fail('MALFORMED');
  const parents = readParents(reader);
  if (typeof parents === 'string') return fail(parents);
  if (!parentsFitType(type, parents.length)) return fail('BAD_PARENTS');
  const at = reader.varUint();
  if (at === undefined) return fail('MALFORMED');
  const body = readBody(reader, type);
  if (typeof body === 'string') return fail(body);
  const signature = reader.bytes(SIGNATURE_BYTES);
  if (!signature || !reader.done()) return fail('MALFORMED');

  const author = keyId(authorKey) as string as PersonId;
  const signed = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  if (!isCanonical(signed, { workspaceId, author, parents, at, body })) return fail('MALFORMED');
  const publicKey = authorKey.slice() as SigningPublicKey;
  if (!verifyDetached({ signature, message: signed, domain: 'membership', publicKey })) {
    return fail('BAD_SIGNATURE');
  }
  if (body.type === 'device' && !verifyDeviceCertificate(body)) return fail('BAD_CERTIFICATE');
  const copy = bytes.slice();
  return {
    ok: true,
    record: { hash: chainRecordHash(copy), bytes: copy, workspaceId, author, parents, at, body },
  };
}

/** Whether `signed` is the one encoding of these fields (no padded varuint, for one). */
function isCanonical(signed: Uint8Array, fields: UnsignedChainRecord): boolean {
  try {
    return sameBytes(encodeChainRecordUnsigned(fields), signed);
  } catch {
    return false;
  }
}
