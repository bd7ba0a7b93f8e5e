import type * as Y from 'yjs';
import { readEnum, readString } from '../model/readFields';
import { zoneOrUtc } from '../time/isValidTimeZone';

export const ROLES = ['mentor', 'mentee'] as const;
export type Role = (typeof ROLES)[number];

/** One of the pair's two people. */
export interface Person {
  /** Opaque, given by the caller (later derived from the person's identity key). */
  personId: string;
  name: string;
  role: Role;
  /** IANA zone; `UTC` when the stored one is not known to this runtime. */
  timeZone: string;
  joinedAt: string | undefined;
  /**
   * Set when someone else took this person's place in the pair by a later invite (a reinstall
   * without a backup, or someone else): the entry stays for the history, out of the pair.
   */
  replacedBy?: string;
}

/**
 * Parse a person entity; `undefined` when it has no valid role (a pair is defined by its roles).
 *
 * @example
 *   const person = readPerson(personId, map);
 */
export function readPerson(personId: string, map: Y.Map<unknown>): Person | undefined {
  const role = readEnum(map, 'role', ROLES);
  if (!role) return undefined;
  const timeZone = readString(map, 'timeZone');
  const replacedBy = readString(map, 'replacedBy');
  return {
    personId,
    name: readString(map, 'name') ?? '',
    role,
    timeZone: zoneOrUtc(timeZone),
    joinedAt: readString(map, 'joinedAt'),
    ...(replacedBy ? { replacedBy } : {}),
  };
}
