import type * as Y from 'yjs';
import type { AgreementSignature } from './agreementSignature';
import {
  agreementSignatureState,
  type AgreementSignatureStatus,
  type PersonSignatureState,
} from './agreementSignatureState';
import {
  listAgreementSignatures,
  listSignedAgreementVersions,
  type SignedAgreementVersion,
} from './listAgreementSignatures';
import { readAgreement, type AgreementContent } from './readAgreement';

/** A signature as a record shows it: which version it covers, and whether that is the text now. */
export interface RecordedSignature extends AgreementSignature {
  /**
   * 1-based, oldest signed version first (as the agreement screen numbers them); `undefined` when
   * the signed text is not kept in the doc.
   */
  versionNumber: number | undefined;
  /** It covers the agreement as it reads now. */
  current: boolean;
}

/** A signed version other than the current text, to print beside it. */
export interface EarlierAgreementVersion extends SignedAgreementVersion {
  versionNumber: number;
}

/** The agreement as an export or printable record shows it. */
export interface AgreementRecord {
  content: AgreementContent;
  status: AgreementSignatureStatus;
  signatures: RecordedSignature[];
  /** People whose latest signature is of another text than the current one ("changed since signed"). */
  signedEarlier: PersonSignatureState[];
  /** Every signed version whose text is not the current one, oldest first. */
  earlierVersions: EarlierAgreementVersion[];
}

/**
 * What a record says about the agreement: the current text, each signature with the version it
 * covers, who signed only an earlier text, and those earlier texts. "Changed since signed" is
 * `agreementSignatureState`'s, so the record says what the agreement screen says. `currentHash`
 * is the hash of `canonicalAgreementBytes(doc)` (the domain cannot hash; the caller passes it).
 *
 * @example
 *   const record = agreementRecord(doc, currentAgreementHash(doc));
 *   if (record.signedEarlier.length > 0) warn('changed since signed');
 */
export function agreementRecord(doc: Y.Doc, currentHash: string): AgreementRecord {
  const status = agreementSignatureState(doc, currentHash);
  const versions = listSignedAgreementVersions(doc);
  const numberOf = new Map(versions.map((version, index) => [version.contentHash, index + 1]));
  const signatures = listAgreementSignatures(doc).map((signature) => ({
    ...signature,
    versionNumber: numberOf.get(signature.contentHash),
    current: signature.contentHash === currentHash,
  }));
  return {
    content: readAgreement(doc),
    status,
    signatures,
    signedEarlier: status.people.filter((person) => person.state === 'changed-since-signed'),
    earlierVersions: versions
      .filter((version) => version.contentHash !== currentHash)
      .map((version) => ({ ...version, versionNumber: numberOf.get(version.contentHash) ?? 0 })),
  };
}
