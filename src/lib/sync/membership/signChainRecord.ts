// Writing a record: the signing person is its author, and the signature (domain 'membership')
// covers every byte before it. Parents are sorted here, so callers may pass heads in any order.
import {
  concatBytes,
  signDetached,
  type DeviceId,
  type PersonId,
  type PersonIdentity,
} from '$lib/crypto';
import { MAX_CHAIN_RECORD_BYTES } from './chainLayout';
import { chainRecordHash } from './chainRecordHash';
import type { ChainBody, ChainRecord } from './chainTypes';
import { compareChainHashes } from './compareChainHashes';
import { verifyDeviceCertificate } from './deviceCertificate';
import { encodeChainRecordUnsigned, InvalidChainRecordError } from './encodeChainRecord';

/**
 * A new signed record by `person`.
 *
 * @example
 *   const genesis = signChainRecord({ workspaceId, person, parents: [], at, body: { type: 'genesis', role: 'mentor' } });
 *   const admit = signChainRecord({
 *     workspaceId, person, parents: chainHeads(membership), at,
 *     body: { type: 'admit', personId: joiner.personId, role: 'mentee' },
 *   });
 * @throws InvalidChainRecordError on a record `parseChainRecord` would refuse (parents wrong for
 *   the type, duplicated or more than 32, keys of the wrong size, a device certificate that does
 *   not verify, more than 1 KiB in all); CryptoNotReadyError before `readyCrypto()`.
 */
export function signChainRecord(input: {
  workspaceId: string;
  person: PersonIdentity;
  parents: readonly string[];
  at: number;
  body: ChainBody;
}): ChainRecord {
  const { workspaceId, person, at, body } = input;
  const parents = [...input.parents].sort(compareChainHashes);
  if (body.type === 'device' && !verifyDeviceCertificate(body)) {
    throw new InvalidChainRecordError("the device certificate is not the owner's signature");
  }
  const unsigned = encodeChainRecordUnsigned({
    workspaceId,
    author: person.personId,
    parents,
    at,
    body,
  });
  const signature = signDetached({
    message: unsigned,
    domain: 'membership',
    secretKey: person.signing.secretKey,
  });
  const bytes = concatBytes([unsigned, signature]);
  if (bytes.length > MAX_CHAIN_RECORD_BYTES) {
    throw new InvalidChainRecordError(`a record has at most ${MAX_CHAIN_RECORD_BYTES} bytes`);
  }
  return {
    hash: chainRecordHash(bytes),
    bytes,
    workspaceId,
    author: person.personId,
    parents,
    at,
    body: copyBody(body),
  };
}

/** A copy, so a caller mutating its input cannot change a signed record's fields. */
function copyBody(body: ChainBody): ChainBody {
  if (body.type !== 'device') return { ...body };
  return {
    ...body,
    owner: body.owner as PersonId,
    deviceId: body.deviceId as DeviceId,
    boxPublicKey: body.boxPublicKey.slice() as typeof body.boxPublicKey,
    certificate: body.certificate.slice(),
  };
}
