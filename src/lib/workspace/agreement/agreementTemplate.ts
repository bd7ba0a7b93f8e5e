import type { Cadence } from '../time/cadence';

/**
 * The agreement template: one section per part of a good remote-mentoring agreement. The keys
 * are stable (they name root texts in the doc and keys of the canonical form); titles and
 * prompts are what a new agreement is pre-filled with.
 */
export const AGREEMENT_SECTION_KEYS = [
  'purpose',
  'mentorExpectations',
  'menteeExpectations',
  'meetings',
  'channels',
  'responseTimes',
  'doNotContact',
  'confidentiality',
  'feedbackRules',
  'term',
  'ending',
] as const;

export type AgreementSectionKey = (typeof AGREEMENT_SECTION_KEYS)[number];

export const AGREEMENT_TEMPLATE: Record<AgreementSectionKey, { title: string; prompt: string }> = {
  purpose: {
    title: 'Purpose',
    prompt: 'Why we meet: what the mentee wants to grow in, and what the mentor hopes to offer.',
  },
  mentorExpectations: {
    title: 'What the mentor commits to',
    prompt: 'The mentor will: prepare for each session, listen first, share experience, …',
  },
  menteeExpectations: {
    title: 'What the mentee commits to',
    prompt: 'The mentee will: set the agenda, come prepared, follow up on action items, …',
  },
  meetings: {
    title: 'How often and how long we meet',
    prompt: 'We meet at the cadence and for the length below. If one of us cannot make it, we …',
  },
  channels: {
    title: 'How we reach each other',
    prompt: 'Sessions by video; quick questions by chat; documents by email; …',
  },
  responseTimes: {
    title: 'Expected response times',
    prompt: 'We answer messages within the time below, on working days. Urgent matters: …',
  },
  doNotContact: {
    title: 'Times not to contact each other',
    prompt: 'Each of us keeps quiet hours (see availability). Beyond them: holidays, …',
  },
  confidentiality: {
    title: 'Confidentiality',
    prompt:
      'What we discuss stays between us. Exceptions, agreed in advance: risk of harm, legal duty, …',
  },
  feedbackRules: {
    title: 'How we give feedback',
    prompt: 'Ask before giving it; be specific; describe behaviour and its effect; both ways.',
  },
  term: {
    title: 'Term',
    prompt: 'This agreement runs from the start date to the end date below; we review how it goes.',
  },
  ending: {
    title: 'How either of us may end it',
    prompt: 'Either of us may end the mentoring at any time by telling the other; we then …',
  },
};

export const CHANNELS = ['video', 'phone', 'chat', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The agreement's structured terms: the values cadences and due dates are computed from. */
export interface AgreementTerms {
  meetingCadence: Cadence;
  /** Usual session length, in minutes. */
  meetingMinutes: number;
  checkInCadence: Cadence;
  /** Reflect on the relationship together every this many held sessions. */
  reviewEverySessions: number;
  /** Expected answer time for messages, in hours. */
  responseTimeHours: number;
  /** `YYYY-MM-DD`, or `null` until agreed. */
  termStart: string | null;
  termEnd: string | null;
  /** Agreed channels, in {@link CHANNELS} order. */
  channels: Channel[];
}

/** Terms a new agreement starts with (term dates are set from the creation date). */
export const DEFAULT_AGREEMENT_TERMS: AgreementTerms = {
  meetingCadence: { every: 2, unit: 'week' },
  meetingMinutes: 60,
  checkInCadence: { every: 1, unit: 'week' },
  reviewEverySessions: 4,
  responseTimeHours: 48,
  termStart: null,
  termEnd: null,
  channels: ['video', 'chat'],
};

/** Whether `key` is a section of this template. */
export function isAgreementSectionKey(key: unknown): key is AgreementSectionKey {
  return typeof key === 'string' && (AGREEMENT_SECTION_KEYS as readonly string[]).includes(key);
}
