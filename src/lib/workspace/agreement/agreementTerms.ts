import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { readBoolean } from '../model/readFields';
import { parseCadence } from '../time/cadence';
import { isCalendarDate } from '../time/calendarDate';
import { CHANNELS, DEFAULT_AGREEMENT_TERMS, type AgreementTerms } from './agreementTemplate';

/** Allowed ranges of the numeric terms, inclusive. */
export const TERM_LIMITS = {
  meetingMinutes: { min: 5, max: 480 },
  reviewEverySessions: { min: 1, max: 52 },
  responseTimeHours: { min: 1, max: 720 },
} as const;

/** Whether `value` is an integer within `limits`. */
export function isWithin(value: unknown, limits: { min: number; max: number }): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= limits.min &&
    value <= limits.max
  );
}

/**
 * The agreement's terms; a missing or malformed value reads as the template default, so every
 * device (and the canonical form) sees the same terms for the same doc.
 *
 * @example
 *   readAgreementTerms(doc).meetingCadence; // { every: 2, unit: 'week' }
 */
export function readAgreementTerms(doc: Y.Doc): AgreementTerms {
  const map = rootMap(doc, 'agreement');
  const channels = rootMap(doc, 'agreementChannels');
  const defaults = DEFAULT_AGREEMENT_TERMS;
  const number = (key: keyof typeof TERM_LIMITS): number => {
    const value = map.get(key);
    return isWithin(value, TERM_LIMITS[key]) ? value : defaults[key];
  };
  const date = (key: 'termStart' | 'termEnd'): string | null => {
    const value = map.get(key);
    return isCalendarDate(value) ? value : null;
  };
  const anyChannelSet = CHANNELS.some((channel) => readBoolean(channels, channel) !== undefined);
  return {
    meetingCadence: parseCadence(map.get('meetingCadence')) ?? defaults.meetingCadence,
    meetingMinutes: number('meetingMinutes'),
    checkInCadence: parseCadence(map.get('checkInCadence')) ?? defaults.checkInCadence,
    reviewEverySessions: number('reviewEverySessions'),
    responseTimeHours: number('responseTimeHours'),
    termStart: date('termStart'),
    termEnd: date('termEnd'),
    channels: anyChannelSet
      ? CHANNELS.filter((channel) => readBoolean(channels, channel) === true)
      : [...defaults.channels],
  };
}
