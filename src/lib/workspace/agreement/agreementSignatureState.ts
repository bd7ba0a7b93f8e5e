import type * as Y from 'yjs';
import { listPeople } from '../people/listPeople';
import type { Role } from '../people/person';
import { listAgreementSignatures } from './listAgreementSignatures';

/**
 * - `signed`: the person signed the current content.
 * - `changed-since-signed`: they signed an earlier version; the agreement changed since.
 * - `unsigned`: they never signed.
 */
export type SignatureState = 'signed' | 'changed-since-signed' | 'unsigned';

export interface PersonSignatureState {
  personId: string;
  name: string;
  role: Role;
  state: SignatureState;
  /** When they signed the current version (if they did). */
  signedAt: string | undefined;
  /** Their most recent signature of any version. */
  lastSignedAt: string | undefined;
  lastSignedHash: string | undefined;
}

export interface AgreementSignatureStatus {
  people: PersonSignatureState[];
  /** Both people have signed the current content. */
  allSigned: boolean;
  /** Someone signed, and the content changed since: show "changed since signed". */
  changedSinceSigned: boolean;
}

/**
 * Where each person stands on the agreement whose current canonical bytes hash to
 * `currentHash` (the domain cannot hash; the caller passes it).
 *
 * @example
 *   const status = agreementSignatureState(doc, hash(canonicalAgreementBytes(doc)));
 *   if (status.changedSinceSigned) showBadge('changed since signed');
 */
export function agreementSignatureState(doc: Y.Doc, currentHash: string): AgreementSignatureStatus {
  const signatures = listAgreementSignatures(doc);
  const people = listPeople(doc).map((person): PersonSignatureState => {
    const own = signatures.filter((signature) => signature.personId === person.personId);
    const current = own.find((signature) => signature.contentHash === currentHash);
    const last = own[own.length - 1];
    const state: SignatureState = current ? 'signed' : last ? 'changed-since-signed' : 'unsigned';
    return {
      personId: person.personId,
      name: person.name,
      role: person.role,
      state,
      signedAt: current?.signedAt,
      lastSignedAt: last?.signedAt,
      lastSignedHash: last?.contentHash,
    };
  });
  return {
    people,
    allSigned: people.length === 2 && people.every((person) => person.state === 'signed'),
    changedSinceSigned: people.some((person) => person.state === 'changed-since-signed'),
  };
}
