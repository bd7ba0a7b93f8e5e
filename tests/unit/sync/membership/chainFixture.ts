// Deterministic persons and devices (keys from seeds) and short ways to sign chain records for
// the membership tests and the test vector.
import {
  deviceIdOf,
  hashBytes,
  signDetached,
  type BoxPublicKey,
  type BoxSecretKey,
  type DeviceIdentity,
  type PersonId,
  type PersonIdentity,
  type SigningPublicKey,
  type SigningSecretKey,
} from '$lib/crypto';
import { getSodium } from '$lib/crypto/sodium';
import * as encoding from 'lib0/encoding';
import {
  signChainRecord,
  signDeviceCertificate,
  type ChainBody,
  type ChainRecord,
  type ChainRole,
} from '$lib/sync/membership';

export const WORKSPACE_ID = 'EBESExQVFhcYGRobHB0eHw';

/** 32 bytes from a label, so every run has the same keys. */
export const seedOf = (label: string) => hashBytes(new TextEncoder().encode(label), 32);

/** A person whose signing key comes from `seed`. */
export function personFromSeed(seed: Uint8Array): PersonIdentity {
  const pair = getSodium().crypto_sign_seed_keypair(seed);
  const publicKey = pair.publicKey as SigningPublicKey;
  return {
    personId: deviceIdOf(publicKey) as string as PersonId,
    signing: { publicKey, secretKey: pair.privateKey as SigningSecretKey },
  };
}

/** A person named by a label. */
export const person = (label: string) => personFromSeed(seedOf(`person:${label}`));

/** A device whose keys come from `signingSeed` and `boxSeed`. */
export function deviceFromSeeds(signingSeed: Uint8Array, boxSeed: Uint8Array): DeviceIdentity {
  const sodium = getSodium();
  const signing = sodium.crypto_sign_seed_keypair(signingSeed);
  const box = sodium.crypto_box_seed_keypair(boxSeed);
  const publicKey = signing.publicKey as SigningPublicKey;
  return {
    deviceId: deviceIdOf(publicKey),
    signing: { publicKey, secretKey: signing.privateKey as SigningSecretKey },
    box: { publicKey: box.publicKey as BoxPublicKey, secretKey: box.privateKey as BoxSecretKey },
  };
}

/** A device named by a label. */
export const device = (label: string) =>
  deviceFromSeeds(seedOf(`device:${label}`), seedOf(`box:${label}`));

/** Signs a record of `WORKSPACE_ID` at a fixed time. */
export function sign(
  author: PersonIdentity,
  parents: readonly ChainRecord[],
  body: ChainBody,
  at = 1_800_000_000,
) {
  return signChainRecord({
    workspaceId: WORKSPACE_ID,
    person: author,
    parents: parents.map((parent) => parent.hash),
    at,
    body,
  });
}

export const genesis = (author: PersonIdentity, role: ChainRole) =>
  sign(author, [], { type: 'genesis', role });

export const admit = (
  author: PersonIdentity,
  parents: readonly ChainRecord[],
  target: PersonIdentity,
  role: ChainRole,
) => sign(author, parents, { type: 'admit', personId: target.personId, role });

export const removePerson = (
  author: PersonIdentity,
  parents: readonly ChainRecord[],
  target: PersonIdentity,
) => sign(author, parents, { type: 'remove-person', personId: target.personId });

/** `certifier`'s device certificate for `dev`. */
export const certificateOf = (certifier: PersonIdentity, dev: DeviceIdentity) =>
  signDeviceCertificate({
    person: certifier,
    deviceId: dev.deviceId,
    boxPublicKey: dev.box.publicKey,
  });

/** A device record filed by `author` for `owner`'s device, certified by `owner`. */
export function fileDevice(
  author: PersonIdentity,
  parents: readonly ChainRecord[],
  owner: PersonIdentity,
  dev: DeviceIdentity,
) {
  const certificate = certificateOf(owner, dev);
  return sign(author, parents, {
    type: 'device',
    owner: owner.personId,
    deviceId: dev.deviceId,
    boxPublicKey: dev.box.publicKey,
    certificate,
  });
}

export const removeDevice = (
  author: PersonIdentity,
  parents: readonly ChainRecord[],
  dev: DeviceIdentity,
) => sign(author, parents, { type: 'remove-device', deviceId: dev.deviceId });

/**
 * Record bytes written field by field with no checks, signed by `signer` (default: the author
 * key's owner must be passed), for attacks the real writer refuses to produce.
 */
export function rawRecord(fields: {
  version?: number;
  type: number;
  workspaceId?: string;
  author: PersonIdentity;
  parentCount?: number;
  parents?: readonly Uint8Array[];
  /** Raw bytes for `at` (a varuint), default the varuint of 1. */
  atBytes?: Uint8Array;
  body: Uint8Array;
  signer?: PersonIdentity;
  domain?: 'membership' | 'device-cert';
}): Uint8Array {
  const encoder = encoding.createEncoder();
  const parents = fields.parents ?? [];
  encoding.writeUint8(encoder, fields.version ?? 1);
  encoding.writeUint8(encoder, fields.type);
  encoding.writeVarString(encoder, fields.workspaceId ?? WORKSPACE_ID);
  encoding.writeUint8Array(encoder, fields.author.signing.publicKey);
  encoding.writeVarUint(encoder, fields.parentCount ?? parents.length);
  for (const parent of parents) encoding.writeUint8Array(encoder, parent);
  encoding.writeUint8Array(encoder, fields.atBytes ?? new Uint8Array([1]));
  encoding.writeUint8Array(encoder, fields.body);
  const unsigned = encoding.toUint8Array(encoder);
  const signature = signDetached({
    message: unsigned,
    domain: fields.domain ?? 'membership',
    secretKey: (fields.signer ?? fields.author).signing.secretKey,
  });
  return new Uint8Array([...unsigned, ...signature]);
}
