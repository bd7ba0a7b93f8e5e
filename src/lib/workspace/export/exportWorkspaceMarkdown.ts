import type * as Y from 'yjs';
import { readWorkspaceMeta } from '../workspaceMeta';
import { markdownContext } from './markdownContext';
import { agreementLines } from './markdownAgreement';
import {
  availabilityLines,
  checkInLines,
  closureLines,
  feedbackLines,
  goalLines,
  looseActionItemLines,
  peopleLines,
  reviewLines,
  sessionLines,
} from './markdownSections';
import { inlineMarkdown } from './markdownText';

/**
 * The whole workspace as one Markdown document: people and their availability, the agreement
 * with each signature's version (and, where the text changed since someone signed, the text
 * they signed), goals, sessions with notes, action items and reflections, feedback, reviews,
 * check-ins, and the closure with its reason and wrap-ups. Times are shown in `timeZone`
 * (default UTC). `agreementHash` is the hash of `canonicalAgreementBytes(doc)`, which the domain
 * cannot compute. Deterministic: the same doc gives the same text, so it serves as a record
 * (and in golden tests). Works on a closed workspace.
 *
 * @example
 *   const markdown = exportWorkspaceMarkdown(doc, {
 *     timeZone: viewer.timeZone,
 *     agreementHash: currentAgreementHash(doc),
 *   });
 */
export function exportWorkspaceMarkdown(
  doc: Y.Doc,
  options: { timeZone?: string; agreementHash: string },
): string {
  const context = markdownContext(doc, {
    timeZone: options.timeZone ?? 'UTC',
    agreementHash: options.agreementHash,
  });
  const title = inlineMarkdown(readWorkspaceMeta(doc).title || 'Mentoring workspace');
  const lines = [
    `# ${title}`,
    '',
    `Times in ${inlineMarkdown(context.timeZone)}.`,
    '',
    ...peopleLines(context),
    ...availabilityLines(context),
    ...agreementLines(context),
    ...goalLines(context),
    ...sessionLines(context),
    ...looseActionItemLines(context),
    ...feedbackLines(context),
    ...reviewLines(context),
    ...checkInLines(context),
    ...closureLines(context),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
