import type { Cadence } from '../time/cadence';

/**
 * The agreement template: one section per part of a good remote-mentoring agreement. The keys
 * are stable (they name root texts in the doc and keys of the canonical form). Each section has
 * a title and a prompt: a question the editor shows as the empty text's placeholder. A prompt is
 * never written into the doc, so nothing the pair did not write can be signed.
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
    prompt: 'Why do you meet? What does the mentee want to grow in, and what can the mentor offer?',
  },
  mentorExpectations: {
    title: 'What the mentor commits to',
    prompt: 'What will the mentor do? For example: prepare for each session, listen first.',
  },
  menteeExpectations: {
    title: 'What the mentee commits to',
    prompt: 'What will the mentee do? For example: set the agenda, follow up on action items.',
  },
  meetings: {
    title: 'How often and how long we meet',
    prompt: 'How often and how long do you meet? What happens when one of you cannot make it?',
  },
  channels: {
    title: 'How we reach each other',
    prompt: 'Which channel for what: sessions, quick questions, documents?',
  },
  responseTimes: {
    title: 'Expected response times',
    prompt: 'How soon do you answer messages, and on which days? What counts as urgent?',
  },
  doNotContact: {
    title: 'Times not to contact each other',
    prompt: 'When is neither of you to be contacted: quiet hours, holidays, weekends?',
  },
  confidentiality: {
    title: 'Confidentiality',
    prompt: 'What stays between you? Which exceptions do you agree on in advance?',
  },
  feedbackRules: {
    title: 'How we give feedback',
    prompt: 'How do you give each other feedback? For example: ask first, be specific.',
  },
  term: {
    title: 'Term',
    prompt: 'How long does this agreement run, and when do you look back on how it goes?',
  },
  ending: {
    title: 'How either of us may end it',
    prompt: 'How may either of you end the mentoring, and what happens then?',
  },
};

/**
 * What earlier versions of Trellis wrote into a new agreement's sections: example sentences,
 * some ending in "…". Docs made then still hold them; a section whose text is still exactly this
 * counts as not filled in (`unfilledAgreementSections`). They are never rewritten: the text is
 * the pair's to edit, and a migration must not overwrite it.
 */
export const LEGACY_AGREEMENT_FILLER: Record<AgreementSectionKey, string> = {
  purpose: 'Why we meet: what the mentee wants to grow in, and what the mentor hopes to offer.',
  mentorExpectations:
    'The mentor will: prepare for each session, listen first, share experience, \u2026',
  menteeExpectations:
    'The mentee will: set the agenda, come prepared, follow up on action items, \u2026',
  meetings:
    'We meet at the cadence and for the length below. If one of us cannot make it, we \u2026',
  channels: 'Sessions by video; quick questions by chat; documents by email; \u2026',
  responseTimes:
    'We answer messages within the time below, on working days. Urgent matters: \u2026',
  doNotContact: 'Each of us keeps quiet hours (see availability). Beyond them: holidays, \u2026',
  confidentiality:
    'What we discuss stays between us. Exceptions, agreed in advance: risk of harm, legal duty, \u2026',
  feedbackRules: 'Ask before giving it; be specific; describe behaviour and its effect; both ways.',
  term: 'This agreement runs from the start date to the end date below; we review how it goes.',
  ending: 'Either of us may end the mentoring at any time by telling the other; we then \u2026',
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
