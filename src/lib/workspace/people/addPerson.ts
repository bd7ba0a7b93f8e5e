import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import { checkWritable } from '../model/checkWritable';
import { resolveAt } from '../model/commandInput';
import { checkTitle } from '../text/checkText';
import { canonicalTimeZone } from '../time/canonicalTimeZone';
import { isValidTimeZone } from '../time/isValidTimeZone';
import { listPeople } from './listPeople';
import { ROLES, type Role } from './person';

export interface AddPersonInput {
  personId: string;
  name: string;
  role: Role;
  timeZone: string;
  at?: Date;
}

/**
 * Add a person to the pair: the creator (through `createWorkspace`) or the partner joining. A
 * pair has one mentor and one mentee. The person adds themselves, so there is no `by`.
 *
 * @example
 *   addPerson(doc, { personId: 'p-mentee', name: 'Ana', role: 'mentee', timeZone: 'Asia/Kathmandu' });
 */
export function addPerson(doc: Y.Doc, input: AddPersonInput): WorkspaceResult {
  const writable = checkWritable(doc);
  if (!writable.ok) return writable;
  return writePerson(doc, input);
}

/** The checks and writes of {@link addPerson}, without the writable check (for creation). */
export function writePerson(doc: Y.Doc, input: AddPersonInput): WorkspaceResult {
  const at = resolveAt(input.at);
  if (!at.ok) return at;
  if (typeof input.personId !== 'string' || input.personId === '' || input.personId.length > 200) {
    return fail('INVALID_VALUE', 'personId');
  }
  const name = checkTitle(input.name, 'name');
  if (!name.ok) return name;
  if (!(ROLES as readonly string[]).includes(input.role)) return fail('INVALID_VALUE', 'role');
  if (!isValidTimeZone(input.timeZone)) return fail('INVALID_TIME_ZONE', 'timeZone');
  const people = rootMap(doc, 'people');
  if (people.has(input.personId)) return fail('DUPLICATE_ID', 'personId');
  const current = listPeople(doc);
  if (current.length >= 2) return fail('PAIR_FULL');
  if (current.some((person) => person.role === input.role)) return fail('ROLE_TAKEN', 'role');
  doc.transact(() => {
    const person = new Y.Map<unknown>();
    people.set(input.personId, person);
    person.set('name', name.value);
    person.set('role', input.role);
    person.set('timeZone', canonicalTimeZone(input.timeZone));
    person.set('joinedAt', at.iso);
  });
  return { ok: true };
}

/**
 * Puts a new person in the place of `replaces`, who holds the same role: the partner came back
 * under a new identity key by a new invite (a new phone without a backup, or someone else; the
 * other person is warned and compares safety codes again). The old entry stays, marked, so
 * history still names its author.
 *
 * @example
 *   replacePerson(doc, { personId: newKey, name: 'Ana', role: 'mentee', timeZone, replaces: oldKey });
 */
export function replacePerson(
  doc: Y.Doc,
  input: AddPersonInput & { replaces: string },
): WorkspaceResult {
  const writable = checkWritable(doc);
  if (!writable.ok) return writable;
  const previous = listPeople(doc).find((person) => person.personId === input.replaces);
  if (!previous || previous.role !== input.role) return fail('UNKNOWN_PERSON', 'replaces');
  let result: WorkspaceResult = { ok: true };
  doc.transact(() => {
    const entry = rootMap(doc, 'people').get(input.replaces);
    if (entry instanceof Y.Map) entry.set('replacedBy', input.personId);
    result = writePerson(doc, input);
    if (!result.ok && entry instanceof Y.Map) entry.delete('replacedBy');
  });
  return result;
}
