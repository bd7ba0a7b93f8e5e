import { isCalendarDate } from '../time/calendarDate';
import { parseInstant } from '../time/parseInstant';

/** A signature made elsewhere (the identity key over the content hash), as recorded in the doc. */
export interface AgreementSignature {
  personId: string;
  /** The hash of the canonical bytes that were signed (encoding chosen by the state layer). */
  contentHash: string;
  signature: string;
  publicKey: string;
  /** UTC ISO instant. */
  signedAt: string;
}

const MAX_FIELD = 2_000;

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_FIELD;
}

/**
 * Parse a signature record from the doc (or from a caller), or `undefined` if malformed.
 *
 * @example
 *   const signature = parseAgreementSignature(map.get(key));
 */
export function parseAgreementSignature(value: unknown): AgreementSignature | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { personId, contentHash, signature, publicKey, signedAt } = record;
  if (!isShortString(personId) || !isShortString(contentHash)) return undefined;
  if (!isShortString(signature) || !isShortString(publicKey)) return undefined;
  if (typeof signedAt !== 'string' || isCalendarDate(signedAt) || !parseInstant(signedAt)) {
    return undefined;
  }
  return { personId, contentHash, signature, publicKey, signedAt };
}

/** The doc key of a signature record: one per person and version, so re-recording is idempotent. */
export function signatureKey(personId: string, contentHash: string): string {
  return JSON.stringify([personId, contentHash]);
}
