import type * as Y from 'yjs';
import { readAgreementTerms } from '../agreement/agreementTerms';
import { rootMap } from '../docShape';
import { readString } from '../model/readFields';
import { listPeople } from '../people/listPeople';
import { zoneOrUtc } from '../time/isValidTimeZone';
import { utcToLocal } from '../time/utcToLocal';
import { listWrapUps, type WrapUp } from './wrapUps';

/** `closing`: someone asked to close; wrap-ups are being written. */
export type ClosureStage = 'open' | 'closing' | 'closed';

/** What the pair wrote and did about closing; the same on every device. */
export interface ClosureRecord {
  stage: ClosureStage;
  requestedBy: string | undefined;
  requestedAt: string | undefined;
  /** Why closing was proposed (or why it was closed); empty if no one said. */
  reason: string;
  closedBy: string | undefined;
  closedAt: string | undefined;
  wrapUps: WrapUp[];
}

export interface ClosureState extends ClosureRecord {
  /** People who have not written their wrap-up. */
  missingWrapUps: string[];
  /** The agreed term is over (on `timeZone`'s calendar): time to wrap up. */
  termEnded: boolean;
}

/**
 * The closure as a record shows it: the request and its reason, who closed and when, the
 * wrap-ups.
 *
 * @example
 *   const { reason, closedAt } = readClosureRecord(doc);
 */
export function readClosureRecord(doc: Y.Doc): ClosureRecord {
  const closure = rootMap(doc, 'closure');
  const closedAt = readString(closure, 'closedAt');
  const requestedAt = readString(closure, 'requestedAt');
  return {
    stage: closedAt !== undefined ? 'closed' : requestedAt !== undefined ? 'closing' : 'open',
    requestedBy: readString(closure, 'requestedBy'),
    requestedAt,
    reason: readString(closure, 'reason') ?? '',
    closedBy: readString(closure, 'closedBy'),
    closedAt,
    wrapUps: listWrapUps(doc),
  };
}

/**
 * Where the pair stands on closing: request, wrap-ups, closure.
 *
 * @example
 *   const closure = readClosure(doc, { now, timeZone: viewer.timeZone });
 *   if (closure.termEnded && closure.stage === 'open') suggestWrapUp();
 */
export function readClosure(doc: Y.Doc, input: { now: Date; timeZone: string }): ClosureState {
  const record = readClosureRecord(doc);
  const written = new Set(record.wrapUps.map((wrapUp) => wrapUp.personId));
  const termEnd = readAgreementTerms(doc).termEnd;
  const today = utcToLocal(input.now, zoneOrUtc(input.timeZone)).date;
  return {
    ...record,
    missingWrapUps: listPeople(doc)
      .map((person) => person.personId)
      .filter((personId) => !written.has(personId)),
    termEnded: termEnd !== null && today > termEnd,
  };
}
