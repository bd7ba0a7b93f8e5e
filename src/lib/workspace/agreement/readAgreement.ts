import type * as Y from 'yjs';
import {
  AGREEMENT_SECTION_KEYS,
  type AgreementSectionKey,
  type AgreementTerms,
} from './agreementTemplate';
import { agreementSectionText } from './agreementSectionText';
import { readAgreementTerms } from './agreementTerms';

/** Exactly what is signed: every section's text and the structured terms. */
export interface AgreementContent {
  sections: Record<AgreementSectionKey, string>;
  terms: AgreementTerms;
}

/**
 * The agreement as it stands.
 *
 * @example
 *   const { sections, terms } = readAgreement(doc);
 */
export function readAgreement(doc: Y.Doc): AgreementContent {
  const sections = Object.fromEntries(
    AGREEMENT_SECTION_KEYS.map((key) => [key, agreementSectionText(doc, key).toString()]),
  ) as Record<AgreementSectionKey, string>;
  return { sections, terms: readAgreementTerms(doc) };
}
