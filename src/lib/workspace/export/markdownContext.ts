import type * as Y from 'yjs';
import { listPeople } from '../people/listPeople';
import { zoneOrUtc } from '../time/isValidTimeZone';
import { utcToLocal } from '../time/utcToLocal';
import { inlineMarkdown } from './markdownText';

/** What every part of the Markdown export needs: the doc, names, and times in one zone. */
export interface MarkdownContext {
  doc: Y.Doc;
  timeZone: string;
  /** The hash of the agreement as it reads now (see `agreementRecord`). */
  agreementHash: string;
  /** A person's name, escaped; `Someone` for an unknown id. */
  nameOf: (personId: string | undefined) => string;
  /** An instant as `YYYY-MM-DD HH:MM` in the export's zone; empty if unreadable. */
  when: (iso: string | undefined) => string;
}

/**
 * Build the context for one export.
 *
 * @example
 *   const context = markdownContext(doc, { timeZone: 'Europe/Berlin', agreementHash });
 */
export function markdownContext(
  doc: Y.Doc,
  input: { timeZone: string; agreementHash: string },
): MarkdownContext {
  const zone = zoneOrUtc(input.timeZone);
  const people = listPeople(doc);
  return {
    doc,
    timeZone: zone,
    agreementHash: input.agreementHash,
    nameOf: (personId) =>
      inlineMarkdown(people.find((person) => person.personId === personId)?.name ?? 'Someone'),
    when: (iso) => {
      const date = iso === undefined ? undefined : new Date(iso);
      if (!date || Number.isNaN(date.getTime())) return '';
      const local = utcToLocal(date, zone);
      return `${local.date} ${local.time}`;
    },
  };
}
