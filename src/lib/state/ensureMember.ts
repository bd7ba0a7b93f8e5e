import type * as Y from 'yjs';
import {
  addPerson,
  findPerson,
  listInvites,
  listPeople,
  replacePerson,
  type WorkspaceResult,
} from '$lib/workspace';
import type { Profile } from './actionResult';

/**
 * Adds this person to the pair (its doc has arrived). A person who joined by invite may take the
 * place of someone holding the same role who is not the inviter: the partner came back under a
 * new identity key (a new phone without a backup, or someone else), which the other person is
 * warned about. Anyone else's role stays theirs.
 *
 * @example
 *   ensureMember(pair.doc, profile, { inviteId });
 */
export function ensureMember(
  doc: Y.Doc,
  profile: Profile,
  joined: { inviteId?: string } = {},
): WorkspaceResult {
  const known = findPerson(doc, profile.personId);
  if (known && !known.replacedBy) return { ok: true };
  const person = {
    personId: profile.personId,
    name: profile.name,
    role: profile.role,
    timeZone: profile.timeZone,
  };
  const added = addPerson(doc, person);
  const taken = !added.ok && (added.code === 'ROLE_TAKEN' || added.code === 'PAIR_FULL');
  if (!taken || !joined.inviteId) return added;
  const inviter = listInvites(doc).find((invite) => invite.inviteId === joined.inviteId)?.createdBy;
  const holder = listPeople(doc).find((other) => other.role === profile.role);
  if (!inviter || !holder || holder.personId === inviter) return added;
  return replacePerson(doc, { ...person, replaces: holder.personId });
}
