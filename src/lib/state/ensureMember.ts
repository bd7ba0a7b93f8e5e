import type * as Y from 'yjs';
import { addPerson, findPerson, readSchemaVersion } from '$lib/workspace';
import type { Profile } from './actionResult';

/**
 * Adds this person to the pair once the pair's doc has arrived. A device that joins by invite
 * may be offline: its doc is empty until the first sync, and adding the person then — not
 * before — keeps the creator's template the only one. Returns a function that stops waiting.
 *
 * @example
 *   const stop = ensureMember(pair.doc, profile);
 */
export function ensureMember(doc: Y.Doc, profile: Profile): () => void {
  const tryAdd = (): boolean => {
    if (readSchemaVersion(doc) === undefined) return false;
    if (!findPerson(doc, profile.personId)) {
      addPerson(doc, {
        personId: profile.personId,
        name: profile.name,
        role: profile.role,
        timeZone: profile.timeZone,
      });
    }
    return true;
  };
  if (tryAdd()) return () => {};
  const onUpdate = () => {
    if (tryAdd()) doc.off('update', onUpdate);
  };
  doc.on('update', onUpdate);
  return () => doc.off('update', onUpdate);
}
