import type * as Y from 'yjs';
import { readWorkspaceMeta } from '../workspaceMeta';
import { markdownContext } from './markdownContext';
import {
  agreementLines,
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
 * The whole workspace as one Markdown document: people, agreement and signatures, goals,
 * sessions with notes, action items and reflections, feedback, reviews, check-ins and the
 * closure. Times are shown in `timeZone` (default UTC). Deterministic: the same doc gives the
 * same text, so it serves as a record (and in golden tests). Works on a closed workspace.
 *
 * @example
 *   const markdown = exportWorkspaceMarkdown(doc, { timeZone: viewer.timeZone });
 */
export function exportWorkspaceMarkdown(doc: Y.Doc, options: { timeZone?: string } = {}): string {
  const context = markdownContext(doc, options.timeZone ?? 'UTC');
  const title = inlineMarkdown(readWorkspaceMeta(doc).title || 'Mentoring workspace');
  const lines = [
    `# ${title}`,
    '',
    `Times in ${inlineMarkdown(context.timeZone)}.`,
    '',
    ...peopleLines(context),
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
