import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { compareStrings } from '../model/compareStrings';
import {
  parseAgreementSignature,
  signatureKey,
  type AgreementSignature,
} from './agreementSignature';
import { parseCanonicalAgreement } from './canonicalAgreementBytes';
import type { AgreementContent } from './readAgreement';

/** One signed version of the agreement, readable after later edits. */
export interface SignedAgreementVersion {
  contentHash: string;
  /** The exact bytes that were hashed and signed: verify `hash(canonical) === contentHash`. */
  canonical: Uint8Array;
  /** The content, or `undefined` if the stored bytes are not a canonical agreement. */
  content: AgreementContent | undefined;
  signatures: AgreementSignature[];
  /** The earliest signature's time. */
  firstSignedAt: string;
}

/**
 * Every recorded signature, oldest first: who signed which version and when. The domain cannot
 * verify them; the state layer checks each against its `publicKey` and the version's bytes.
 *
 * @example
 *   listAgreementSignatures(doc).map((s) => `${s.personId} signed ${s.contentHash} at ${s.signedAt}`);
 */
export function listAgreementSignatures(doc: Y.Doc): AgreementSignature[] {
  const signatures: AgreementSignature[] = [];
  rootMap(doc, 'agreementSignatures').forEach((value, key) => {
    const signature = parseAgreementSignature(value);
    // A record filed under another person's key is not theirs: ignore it.
    if (signature && key === signatureKey(signature.personId, signature.contentHash)) {
      signatures.push(signature);
    }
  });
  return signatures.sort(
    (a, b) =>
      compareStrings(a.signedAt, b.signedAt) ||
      compareStrings(a.personId, b.personId) ||
      compareStrings(a.contentHash, b.contentHash),
  );
}

/**
 * Every version that someone signed, oldest first, with its signatures and content.
 *
 * @example
 *   const [first] = listSignedAgreementVersions(doc); first?.content?.sections.purpose;
 */
export function listSignedAgreementVersions(doc: Y.Doc): SignedAgreementVersion[] {
  const versions = rootMap(doc, 'agreementVersions');
  const byHash = new Map<string, SignedAgreementVersion>();
  for (const signature of listAgreementSignatures(doc)) {
    let version = byHash.get(signature.contentHash);
    if (!version) {
      const stored: unknown = versions.get(signature.contentHash);
      const text =
        typeof stored === 'object' && stored !== null
          ? (stored as Record<string, unknown>).canonical
          : undefined;
      if (typeof text !== 'string') continue;
      version = {
        contentHash: signature.contentHash,
        canonical: new TextEncoder().encode(text),
        content: parseCanonicalAgreement(text),
        signatures: [],
        firstSignedAt: signature.signedAt,
      };
      byHash.set(signature.contentHash, version);
    }
    version.signatures.push(signature);
  }
  return [...byHash.values()];
}
