import type * as Y from 'yjs';
import { findPerson, partnerOf, type Person } from '$lib/workspace';

/** The two people of a pair as one screen needs them. */
export interface PairPeople {
  me: Person | undefined;
  /** `undefined` until the partner has joined. */
  partner: Person | undefined;
  /** The zone to show times in: mine as the pair knows it, else my profile's. */
  myTimeZone: string;
  /** The partner's name and zone, for a time shown beside mine. */
  partnerClock: { name: string; timeZone: string } | undefined;
  /** A person's name for display ("you" for me). */
  nameOf: (personId: string | null | undefined) => string;
  /** A person's own name, "you" included (for a record that others may read). */
  fullNameOf: (personId: string | null | undefined) => string;
}

/**
 * Who is who in the pair, for the viewer `myId`.
 *
 * @example
 *   const people = $derived(pair.read((doc) => pairPeople(doc, pair.me)));
 *   people.nameOf(item.ownerId); // 'you' or 'Ana'
 */
export function pairPeople(doc: Y.Doc, myself: { personId: string; timeZone: string }): PairPeople {
  const me = findPerson(doc, myself.personId);
  const partner = partnerOf(doc, myself.personId);
  return {
    me,
    partner,
    myTimeZone: me?.timeZone ?? myself.timeZone,
    partnerClock: partner ? { name: partner.name, timeZone: partner.timeZone } : undefined,
    nameOf: (personId) => {
      if (personId === myself.personId) return 'you';
      if (partner && personId === partner.personId) return partner.name || 'your partner';
      return 'someone';
    },
    fullNameOf: (personId) =>
      [me, partner].find((person) => person && person.personId === personId)?.name || 'Someone',
  };
}
