import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import { startCommand } from '../model/startCommand';
import { parseInstant } from '../time/parseInstant';
import {
  parseAgreementSignature,
  signatureKey,
  type AgreementSignature,
} from './agreementSignature';
import { canonicalAgreementBytes, parseCanonicalAgreement } from './canonicalAgreementBytes';

/**
 * Record a signature made outside the domain (which cannot hash or sign). The signed content is
 * kept under its hash, so earlier signed versions stay readable and verifiable: `content` is the
 * exact canonical bytes that were hashed, default the current `canonicalAgreementBytes(doc)`.
 * Pass it when time passed between hashing and recording, so a partner's edit in between is
 * not attributed to the signer.
 *
 * @example
 *   const bytes = canonicalAgreementBytes(doc);
 *   recordAgreementSignature(doc, { personId, contentHash: hash(bytes), signature: sign(bytes),
 *     publicKey, signedAt: new Date().toISOString(), content: bytes });
 */
export function recordAgreementSignature(
  doc: Y.Doc,
  input: AgreementSignature & { content?: Uint8Array },
): WorkspaceResult {
  const record = parseAgreementSignature(input);
  if (!record) return fail('INVALID_SIGNATURE_RECORD');
  const start = startCommand(doc, { by: record.personId, at: parseInstant(record.signedAt) });
  if (!start.ok) return start;
  const bytes = input.content ?? canonicalAgreementBytes(doc);
  if (!(bytes instanceof Uint8Array) || !parseCanonicalAgreement(bytes)) {
    return fail('INVALID_SIGNATURE_RECORD', 'content');
  }
  const canonical = new TextDecoder().decode(bytes);
  const versions = rootMap(doc, 'agreementVersions');
  const signatures = rootMap(doc, 'agreementSignatures');
  doc.transact(() => {
    // Keyed by hash: both people recording the same version write the same content.
    if (!versions.has(record.contentHash)) {
      versions.set(record.contentHash, { canonical, recordedAt: start.at });
    }
    signatures.set(signatureKey(record.personId, record.contentHash), { ...record });
  });
  return { ok: true };
}
