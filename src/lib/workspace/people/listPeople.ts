import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { compareStrings } from '../model/compareStrings';
import { entitiesOf, entityOf } from '../model/readFields';
import { readPerson, type Person } from './person';

/**
 * The pair's people, mentor first; a person whose place someone else took is not listed (see
 * `findPerson` for names in the history).
 *
 * @example
 *   const [mentor, mentee] = listPeople(doc);
 */
export function listPeople(doc: Y.Doc): Person[] {
  const people: Person[] = [];
  for (const [personId, map] of entitiesOf(rootMap(doc, 'people'))) {
    const person = readPerson(personId, map);
    if (person && !person.replacedBy) people.push(person);
  }
  const rank = (person: Person) => (person.role === 'mentor' ? 0 : 1);
  return people.sort((a, b) => rank(a) - rank(b) || compareStrings(a.personId, b.personId));
}

/**
 * One person by id, or `undefined`.
 *
 * @example
 *   findPerson(doc, 'p-mentor')?.timeZone;
 */
export function findPerson(doc: Y.Doc, personId: string): Person | undefined {
  const map = entityOf(rootMap(doc, 'people'), personId);
  return map ? readPerson(personId, map) : undefined;
}

/**
 * The other person of the pair, or `undefined` while they have not joined.
 *
 * @example
 *   const partner = partnerOf(doc, viewerId);
 */
export function partnerOf(doc: Y.Doc, personId: string): Person | undefined {
  return listPeople(doc).find((person) => person.personId !== personId);
}
