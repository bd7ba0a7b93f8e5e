import type * as Y from 'yjs';
import { parseCadence } from '../time/cadence';
import { isCalendarDate } from '../time/calendarDate';
import {
  AGREEMENT_SECTION_KEYS,
  CHANNELS,
  type AgreementSectionKey,
  type AgreementTerms,
  type Channel,
} from './agreementTemplate';
import { isWithin, TERM_LIMITS } from './agreementTerms';
import { canonicalJson } from './canonicalJson';
import { readAgreement, type AgreementContent } from './readAgreement';

/**
 * The first line of the canonical form; a new form gets a new version, and signed old versions
 * stay verifiable because their exact bytes are kept.
 */
export const CANONICAL_AGREEMENT_PREFIX = 'trellis/agreement/v1\n';

/**
 * The agreement's content as the bytes both people sign (hashed and signed outside this layer):
 *
 *     UTF-8( "trellis/agreement/v1\n" + canonicalJson({ sections, terms }) )
 *
 * `sections` holds every template section by key, NFC-normalised; `terms` holds every term
 * (`null` for unset dates; `channels` in template order). Keys are sorted at every depth, so the
 * bytes depend only on the content: not on edit history, insertion order or device.
 *
 * @example
 *   const bytes = canonicalAgreementBytes(doc);
 *   const contentHash = toBase64Url(hashBytes(bytes)); // in the state layer
 */
export function canonicalAgreementBytes(doc: Y.Doc): Uint8Array {
  return encodeCanonicalAgreement(readAgreement(doc));
}

/** The canonical bytes of given agreement content. */
export function encodeCanonicalAgreement(content: AgreementContent): Uint8Array {
  return new TextEncoder().encode(canonicalAgreementText(content));
}

/** The canonical form as a string (its UTF-8 encoding is the canonical bytes). */
export function canonicalAgreementText(content: AgreementContent): string {
  const sections = Object.fromEntries(
    AGREEMENT_SECTION_KEYS.map((key) => [key, content.sections[key]]),
  );
  return CANONICAL_AGREEMENT_PREFIX + canonicalJson({ sections, terms: content.terms });
}

/**
 * Read back a signed version's canonical bytes (or text), or `undefined` if they are not a
 * well-formed v1 canonical agreement. Re-encoding the result gives the same bytes.
 *
 * @example
 *   parseCanonicalAgreement(bytes)?.sections.purpose;
 */
export function parseCanonicalAgreement(input: Uint8Array | string): AgreementContent | undefined {
  let text: string;
  try {
    text =
      typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return undefined;
  }
  if (!text.startsWith(CANONICAL_AGREEMENT_PREFIX)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(CANONICAL_AGREEMENT_PREFIX.length));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const sections = parseSections(record.sections);
  const terms = parseTerms(record.terms);
  if (!sections || !terms) return undefined;
  const content = { sections, terms };
  return canonicalAgreementText(content) === text ? content : undefined;
}

function parseSections(value: unknown): Record<AgreementSectionKey, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const sections: Partial<Record<AgreementSectionKey, string>> = {};
  for (const key of AGREEMENT_SECTION_KEYS) {
    const text = record[key];
    if (typeof text !== 'string') return undefined;
    sections[key] = text;
  }
  return sections as Record<AgreementSectionKey, string>;
}

function parseTerms(value: unknown): AgreementTerms | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = value as Record<string, unknown>;
  const meetingCadence = parseCadence(t.meetingCadence);
  const checkInCadence = parseCadence(t.checkInCadence);
  const date = (item: unknown) => (item === null || isCalendarDate(item) ? item : undefined);
  const termStart = date(t.termStart);
  const termEnd = date(t.termEnd);
  const channels = t.channels;
  if (!meetingCadence || !checkInCadence || termStart === undefined || termEnd === undefined) {
    return undefined;
  }
  if (
    !isWithin(t.meetingMinutes, TERM_LIMITS.meetingMinutes) ||
    !isWithin(t.reviewEverySessions, TERM_LIMITS.reviewEverySessions) ||
    !isWithin(t.responseTimeHours, TERM_LIMITS.responseTimeHours)
  ) {
    return undefined;
  }
  if (!Array.isArray(channels) || !channels.every((c) => CHANNELS.includes(c as Channel))) {
    return undefined;
  }
  return {
    meetingCadence,
    meetingMinutes: t.meetingMinutes,
    checkInCadence,
    reviewEverySessions: t.reviewEverySessions,
    responseTimeHours: t.responseTimeHours,
    termStart,
    termEnd,
    channels: channels as Channel[],
  };
}
