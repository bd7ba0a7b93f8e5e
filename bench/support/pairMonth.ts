// A month of a mentoring pair meeting weekly, planned from a seed as timed workspace commands
// (the same ones the app runs), for rotation-bytes. Day 0: the mentor creates the pair, the
// mentee joins, the mentor drafts four agreement sections and the mentee sets six goals with two
// milestones each. Then four weekly sessions: the mentee adds three agenda topics the day
// before; during the hour the mentor's notes grow by a phrase every 30 s (saved as the app saves
// a text field) and three action items are added; afterwards the mentee writes a reflection,
// moves two goals on and ticks a milestone; mid-week the mentee sends a check-in.
import {
  addActionItem,
  addAgendaTopic,
  addCheckIn,
  addGoal,
  addMilestone,
  addPerson,
  createWorkspace,
  scheduleSession,
  setAgreementSection,
  setSessionNotes,
  setSessionReflection,
  updateGoal,
  updateMilestone,
  type WorkspaceResult,
} from '$lib/workspace';
import type * as Y from 'yjs';
import { createSeededRandom, type SeededRandom } from './seededRandom';

/** One planned command: when (virtual ms from the start), on whose device, and what. */
export interface MonthEvent {
  at: number;
  member: 0 | 1;
  apply(doc: Y.Doc, now: Date): WorkspaceResult<object>;
}

const MENTOR = 'p-mentor';
const MENTEE = 'p-mentee';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WORDS = (
  'research draft chapter feedback interview practice reading plan data method review ' +
  'deadline conference paper outline career network presentation skills question next week ' +
  'the and to we about with for on progress blocked confident'
).split(' ');

const phrase = (random: SeededRandom, words: number) =>
  Array.from({ length: words }, () => random.pick(WORDS)).join(' ');

/** A text that grows by a phrase per save: the app saves a field as the person types. */
function typedSaves(random: SeededRandom, saves: number, wordsPerSave: number): string[] {
  const texts: string[] = [];
  let text = '';
  for (let save = 0; save < saves; save += 1) {
    text += `${save === 0 ? '' : ' '}${phrase(random, wordsPerSave)}`;
    if (save % 6 === 5) text += '.\n';
    texts.push(text);
  }
  return texts;
}

/**
 * The month's commands from `seed`, sorted by time.
 *
 * @example
 *   for (const event of planPairMonth(3)) event.apply(docs[event.member], new Date(event.at));
 */
export function planPairMonth(seed: number): MonthEvent[] {
  const random = createSeededRandom(seed);
  const events: MonthEvent[] = [];
  const add = (at: number, member: 0 | 1, apply: MonthEvent['apply']) =>
    events.push({ at, member, apply });

  add(0, 0, (doc, at) =>
    createWorkspace(doc, {
      title: 'Ana & Ben',
      creator: { personId: MENTOR, name: 'Ben', role: 'mentor', timeZone: 'Europe/Berlin' },
      at,
    }),
  );
  add(10 * MINUTE, 1, (doc, at) =>
    addPerson(doc, {
      personId: MENTEE,
      name: 'Ana',
      role: 'mentee',
      timeZone: 'Asia/Kathmandu',
      at,
    }),
  );
  const sections = ['purpose', 'meetings', 'confidentiality', 'feedbackRules'] as const;
  sections.forEach((key, index) => {
    typedSaves(random, 8, 6).forEach((text, save) =>
      add(30 * MINUTE + index * 10 * MINUTE + save * 40_000, 0, (doc, at) =>
        setAgreementSection(doc, { by: MENTOR, key, text, at }),
      ),
    );
  });
  for (let goal = 0; goal < 6; goal += 1) {
    const start = 2 * 60 * MINUTE + goal * 5 * MINUTE;
    add(start, 1, (doc, at) =>
      addGoal(doc, {
        by: MENTEE,
        id: `g${goal}`,
        at,
        title: phrase(random, 4),
        specific: phrase(random, 14),
        metric: phrase(random, 3),
        target: 10,
        current: 0,
        achievable: phrase(random, 10),
        relevant: phrase(random, 10),
        targetDate: '2027-06-30',
        status: 'active',
      }),
    );
    for (let milestone = 0; milestone < 2; milestone += 1) {
      add(start + (milestone + 1) * MINUTE, 1, (doc, at) =>
        addMilestone(doc, {
          by: MENTEE,
          id: `g${goal}m${milestone}`,
          at,
          goalId: `g${goal}`,
          title: phrase(random, 4),
        }),
      );
    }
  }

  for (let week = 0; week < 4; week += 1) {
    const session = `s${week}`;
    const day = (week * 7 + 7) * DAY;
    const sessionAt = day + 17 * 60 * MINUTE;
    add(day - 6 * DAY, 0, (doc, at) =>
      scheduleSession(doc, {
        by: MENTOR,
        id: session,
        at,
        date: new Date(day).toISOString().slice(0, 10),
        time: '18:00',
        title: `Weekly ${week + 1}`,
      }),
    );
    for (let topic = 0; topic < 3; topic += 1) {
      add(sessionAt - DAY + topic * MINUTE, 1, (doc, at) =>
        addAgendaTopic(doc, {
          by: MENTEE,
          id: `${session}t${topic}`,
          at,
          sessionId: session,
          text: phrase(random, 8),
        }),
      );
    }
    typedSaves(random, 120, 3).forEach((text, save) =>
      add(sessionAt + save * 30_000, 0, (doc, at) =>
        setSessionNotes(doc, { by: MENTOR, sessionId: session, text, at }),
      ),
    );
    for (let item = 0; item < 3; item += 1) {
      add(sessionAt + (20 + item * 15) * MINUTE + 10_000, 0, (doc, at) =>
        addActionItem(doc, {
          by: MENTOR,
          id: `${session}a${item}`,
          at,
          title: phrase(random, 5),
          ownerId: item === 0 ? MENTOR : MENTEE,
          dueDate: new Date(day + 7 * DAY).toISOString().slice(0, 10),
          sessionId: session,
        }),
      );
    }
    const after = sessionAt + 2 * 60 * MINUTE;
    add(after, 1, (doc, at) =>
      setSessionReflection(doc, {
        by: MENTEE,
        id: `${session}r`,
        at,
        sessionId: session,
        useful: phrase(random, 20),
        tryNext: phrase(random, 16),
      }),
    );
    for (let step = 0; step < 2; step += 1) {
      const goalId = `g${(week * 2 + step) % 6}`;
      add(after + (step + 1) * MINUTE, 1, (doc, at) =>
        updateGoal(doc, { by: MENTEE, goalId, current: week + 1, at }),
      );
    }
    add(after + 5 * MINUTE, 1, (doc, at) =>
      updateMilestone(doc, { by: MENTEE, milestoneId: `g${week}m0`, done: true, at }),
    );
    add(day + 3 * DAY, 1, (doc, at) =>
      addCheckIn(doc, {
        by: MENTEE,
        id: `c${week}`,
        at,
        mood: random.int(2, 5),
        workload: random.int(2, 5),
        blockers: phrase(random, 6),
        note: phrase(random, 18),
      }),
    );
  }
  return events.sort((a, b) => a.at - b.at || a.member - b.member);
}
