import {
  AGREEMENT_SECTION_KEYS,
  AGREEMENT_TEMPLATE,
  LEGACY_AGREEMENT_FILLER,
  type AgreementSectionKey,
} from './agreementTemplate';
import type { AgreementContent } from './readAgreement';

/**
 * Whether a section still says nothing the pair wrote: blank, or exactly an earlier template's
 * example sentence (`LEGACY_AGREEMENT_FILLER`) or the prompt, ignoring surrounding space and
 * Unicode composition (as the canonical form does).
 *
 * @example
 *   isAgreementSectionUnfilled('purpose', '  '); // true
 */
export function isAgreementSectionUnfilled(key: AgreementSectionKey, text: string): boolean {
  const typed = text.normalize('NFC').trim();
  return typed === '' || NOT_CONTENT[key].includes(typed);
}

/** Per section, the template texts that are not content, normalised once. */
const NOT_CONTENT = Object.fromEntries(
  AGREEMENT_SECTION_KEYS.map((key) => [
    key,
    [
      LEGACY_AGREEMENT_FILLER[key].normalize('NFC'),
      AGREEMENT_TEMPLATE[key].prompt.normalize('NFC'),
    ],
  ]),
) as Record<AgreementSectionKey, string[]>;

/**
 * The sections not filled in yet, in template order: what to ask about before signing.
 *
 * @example
 *   unfilledAgreementSections(readAgreement(doc)); // ['confidentiality', 'ending']
 */
export function unfilledAgreementSections(content: AgreementContent): AgreementSectionKey[] {
  return AGREEMENT_SECTION_KEYS.filter((key) =>
    isAgreementSectionUnfilled(key, content.sections[key]),
  );
}
