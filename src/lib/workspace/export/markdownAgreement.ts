import { agreementRecord, type RecordedSignature } from '../agreement/agreementRecord';
import { AGREEMENT_SECTION_KEYS, AGREEMENT_TEMPLATE } from '../agreement/agreementTemplate';
import type { AgreementContent } from '../agreement/readAgreement';
import type { Cadence } from '../time/cadence';
import type { MarkdownContext } from './markdownContext';
import { inlineMarkdown as md, markdownBlock } from './markdownText';

/*
 * The agreement part of the Markdown export. Whether the text changed since someone signed is
 * `agreementRecord`'s (the agreement screen's own rule); when it did, the export says so above
 * the text, marks each signature as covering this text or an earlier one, and prints every
 * earlier signed text after the signatures.
 */

/** Characters of a content hash shown, as on the agreement screen. */
const HASH_SHOWN = 12;

export function agreementLines(context: MarkdownContext): string[] {
  const { doc, nameOf, agreementHash } = context;
  const record = agreementRecord(doc, agreementHash);
  const lines = ['## Agreement', ''];
  if (record.signedEarlier.length > 0) {
    const names = joinNames(record.signedEarlier.map((person) => nameOf(person.personId)));
    lines.push(
      `**Changed since signed:** the text below is not what ${names} signed. ` +
        'The signed text follows the signatures.',
      '',
    );
  }
  lines.push(...contentLines(record.content, '###'));
  if (record.signatures.length === 0) return lines;
  lines.push('### Signatures', '');
  for (const signature of record.signatures) lines.push(signatureLine(signature, context));
  lines.push('');
  for (const version of record.earlierVersions) {
    const signers = joinNames(version.signatures.map((signature) => nameOf(signature.personId)));
    lines.push(
      `### Version ${version.versionNumber} (${hashCode(version.contentHash)}), as ${signers} signed it`,
      '',
      ...(version.content
        ? contentLines(version.content, '####')
        : ['_The stored text of this version cannot be read._', '']),
    );
  }
  return lines;
}

function signatureLine(signature: RecordedSignature, { nameOf, when }: MarkdownContext): string {
  const who = `${nameOf(signature.personId)} signed`;
  const on = `on ${when(signature.signedAt)}`;
  const hash = hashCode(signature.contentHash);
  if (signature.current) {
    return `- ${who} version ${signature.versionNumber} (${hash}) ${on}: the text above`;
  }
  if (signature.versionNumber === undefined) {
    return `- ${who} version ${hash} ${on}: not the text above, and that text is not kept`;
  }
  return `- ${who} version ${signature.versionNumber} (${hash}) ${on}: not the text above (see below)`;
}

/** The terms and every section of one text of the agreement. */
function contentLines({ sections, terms }: AgreementContent, heading: string): string[] {
  const lines = [
    `- Term: ${terms.termStart ?? '?'} to ${terms.termEnd ?? '?'}`,
    `- Meetings: ${cadenceText(terms.meetingCadence)}, ${terms.meetingMinutes} minutes`,
    `- Check-ins: ${cadenceText(terms.checkInCadence)}`,
    `- Review: every ${terms.reviewEverySessions} sessions`,
    `- Channels: ${terms.channels.join(', ') || 'none'}`,
    `- Response time: ${terms.responseTimeHours} hours`,
    '',
  ];
  for (const key of AGREEMENT_SECTION_KEYS) {
    lines.push(`${heading} ${AGREEMENT_TEMPLATE[key].title}`, '', markdownBlock(sections[key]), '');
  }
  return lines;
}

function hashCode(hash: string): string {
  return `\`${md(hash.slice(0, HASH_SHOWN))}\``;
}

function joinNames(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function cadenceText(cadence: Cadence): string {
  return cadence.every === 1 ? `every ${cadence.unit}` : `every ${cadence.every} ${cadence.unit}s`;
}
