import type * as Y from 'yjs';
import { isWorkspaceClosed, listPeople, readWorkspaceMeta } from '$lib/workspace';

/** One line of the home screen's list of pairs. */
export interface PairSummary {
  workspaceId: string;
  /** Empty until the pair's first sync reaches a device that joined by invite. */
  title: string;
  partnerName: string | null;
  closed: boolean;
}

/**
 * What the home screen shows of a pair, read from its inner doc.
 *
 * @example
 *   const summary = summarisePair(workspaceId, doc, me.personId);
 */
export function summarisePair(workspaceId: string, doc: Y.Doc, myPersonId: string): PairSummary {
  const partner = listPeople(doc).find((person) => person.personId !== myPersonId);
  return {
    workspaceId,
    title: readWorkspaceMeta(doc).title,
    partnerName: partner?.name ?? null,
    closed: isWorkspaceClosed(doc),
  };
}
