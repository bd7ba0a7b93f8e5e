import type * as Y from 'yjs';
import {
  fromBase64Url,
  hashBytes,
  signDetached,
  toBase64Url,
  verifyDetached,
  type DeviceIdentity,
  type SigningPublicKey,
} from '$lib/crypto';
import {
  canonicalAgreementBytes,
  listAgreementSignatures,
  listSignedAgreementVersions,
  recordAgreementSignature,
  type WorkspaceResult,
} from '$lib/workspace';

/**
 * The hash (base64url) of the agreement as it reads now: what a signature must cover.
 *
 * @example
 *   agreementSignatureState(doc, currentAgreementHash(doc));
 */
export function currentAgreementHash(doc: Y.Doc): string {
  return toBase64Url(hashBytes(canonicalAgreementBytes(doc)));
}

/**
 * Signs the agreement exactly as it reads now with `identity` and records the signature.
 *
 * @example
 *   signAgreement(doc, { identity, personId: identity.deviceId });
 */
export function signAgreement(
  doc: Y.Doc,
  input: { identity: Pick<DeviceIdentity, 'signing'>; personId: string; at?: Date },
): WorkspaceResult {
  const content = canonicalAgreementBytes(doc);
  const hash = hashBytes(content);
  const signature = signDetached({
    message: hash,
    domain: 'agreement',
    secretKey: input.identity.signing.secretKey,
  });
  return recordAgreementSignature(doc, {
    personId: input.personId,
    contentHash: toBase64Url(hash),
    signature: toBase64Url(signature),
    publicKey: toBase64Url(input.identity.signing.publicKey),
    signedAt: (input.at ?? new Date()).toISOString(),
    content,
  });
}

/**
 * Whether each recorded signature holds: made by the key its signer's id names, over a hash
 * that truly is the hash of the signed content kept beside it. The partner's device writes
 * those records, so neither part is taken on trust. Keyed by `${personId}:${contentHash}`.
 *
 * @example
 *   const checks = checkAgreementSignatures(doc); checks.get(`${me}:${hash}`) === true;
 */
export function checkAgreementSignatures(doc: Y.Doc): Map<string, boolean> {
  const honestHashes = new Set(
    listSignedAgreementVersions(doc)
      .filter((version) => toBase64Url(hashBytes(version.canonical)) === version.contentHash)
      .map((version) => version.contentHash),
  );
  const checks = new Map<string, boolean>();
  for (const record of listAgreementSignatures(doc)) {
    const valid = honestHashes.has(record.contentHash) && verifiesSignature(record);
    checks.set(`${record.personId}:${record.contentHash}`, valid);
  }
  return checks;
}

function verifiesSignature(record: {
  personId: string;
  contentHash: string;
  signature: string;
  publicKey: string;
}): boolean {
  // A person's id is their person key, shared by all their devices.
  if (record.publicKey !== record.personId) return false;
  const publicKey = fromBase64Url(record.publicKey);
  const signature = fromBase64Url(record.signature);
  const hash = fromBase64Url(record.contentHash);
  if (!publicKey || !signature || !hash) return false;
  return verifyDetached({
    signature,
    message: hash,
    domain: 'agreement',
    publicKey: publicKey as SigningPublicKey,
  });
}
