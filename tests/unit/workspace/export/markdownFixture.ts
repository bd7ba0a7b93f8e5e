import type * as Y from 'yjs';
import {
  addActionItem,
  addAvailabilityWindow,
  addAgendaTopic,
  addCheckIn,
  addGoal,
  addMilestone,
  answerReview,
  closeWorkspace,
  canonicalAgreementBytes,
  giveFeedback,
  recordAgreementSignature,
  requestClosure,
  scheduleSession,
  setAgreementSection,
  setSessionNotes,
  setSessionReflection,
  startReview,
  updateMilestone,
  writeWrapUp,
} from '$lib/workspace';
import { hashOf } from '../support/agreementHash';
import { createPairDoc, expectOk, MENTEE, MENTOR } from '../support/pairDoc';

const at = (iso: string) => new Date(iso);

/** Record `personId`'s signature of the agreement as it reads now (signing itself is elsewhere). */
export function signNow(doc: Y.Doc, personId: string, signedAt: string): void {
  const content = canonicalAgreementBytes(doc);
  expectOk(
    recordAgreementSignature(doc, {
      personId,
      contentHash: hashOf(content),
      signature: 'sig',
      publicKey: 'key',
      signedAt,
      content,
    }),
  );
}

/**
 * A small but complete workspace, every part filled in, for the Markdown export. Both sign the
 * agreement, Ana edits a section, and only Ben signs again: it changed since Ana signed.
 */
export function markdownFixture(): Y.Doc {
  const doc = createPairDoc();
  expectOk(
    setAgreementSection(doc, {
      by: MENTOR,
      key: 'purpose',
      text: 'Grow as a *field* researcher.\n\nSecond paragraph <b>.',
    }),
  );
  signNow(doc, MENTOR, '2025-01-07T10:00:00.000Z');
  signNow(doc, MENTEE, '2025-01-07T11:00:00.000Z');
  expectOk(
    setAgreementSection(doc, {
      by: MENTEE,
      key: 'meetings',
      text: 'Tuesdays at five; we tell each other a day ahead.',
      at: at('2025-01-08T09:00:00Z'),
    }),
  );
  signNow(doc, MENTOR, '2025-01-08T10:00:00.000Z');
  expectOk(
    addAvailabilityWindow(doc, {
      by: MENTEE,
      id: 'w1',
      kind: 'available',
      weekday: 2,
      start: '17:00',
      end: '19:00',
    }),
  );
  expectOk(
    addAvailabilityWindow(doc, {
      by: MENTEE,
      id: 'w2',
      kind: 'quiet',
      weekday: 5,
      start: '22:00',
      end: '07:00',
    }),
  );
  expectOk(
    addGoal(doc, {
      by: MENTEE,
      id: 'g',
      at: at('2025-01-08T10:00:00Z'),
      title: 'Publish [a] paper',
      specific: 'Soil data',
      metric: 'papers',
      target: 2,
      current: 1,
      achievable: 'Data ready',
      relevant: 'PhD',
      targetDate: '2025-09-30',
      status: 'active',
    }),
  );
  expectOk(addMilestone(doc, { by: MENTEE, id: 'm1', goalId: 'g', title: 'Outline' }));
  expectOk(
    addMilestone(doc, { by: MENTEE, id: 'm2', goalId: 'g', title: 'Draft', dueDate: '2025-04-01' }),
  );
  expectOk(updateMilestone(doc, { by: MENTEE, milestoneId: 'm1', done: true }));
  expectOk(
    scheduleSession(doc, {
      by: MENTOR,
      id: 's',
      at: at('2025-03-01T10:00:00Z'),
      date: '2025-03-10',
      time: '18:00',
      title: 'Kick-off',
    }),
  );
  expectOk(addAgendaTopic(doc, { by: MENTEE, id: 't', sessionId: 's', text: '# Draft feedback' }));
  expectOk(setSessionNotes(doc, { by: MENTOR, sessionId: 's', text: 'Line one\nLine two' }));
  expectOk(
    addActionItem(doc, {
      by: MENTOR,
      id: 'a1',
      title: 'Send list',
      ownerId: MENTOR,
      dueDate: '2025-03-14',
      sessionId: 's',
    }),
  );
  expectOk(addActionItem(doc, { by: MENTEE, id: 'a2', title: 'Book room', ownerId: MENTEE }));
  expectOk(
    setSessionReflection(doc, {
      by: MENTEE,
      sessionId: 's',
      useful: 'Outline',
      tryNext: 'Timebox',
      at: at('2025-03-10T19:00:00Z'),
    }),
  );
  expectOk(
    giveFeedback(doc, {
      by: MENTEE,
      to: MENTOR,
      keep: 'Examples',
      change: 'More | time',
      at: at('2025-03-10T19:05:00Z'),
    }),
  );
  expectOk(startReview(doc, { by: MENTOR, id: 'r', at: at('2025-04-01T10:00:00Z') }));
  expectOk(
    answerReview(doc, { by: MENTEE, reviewId: 'r', assessment: 'partly', whatToChange: 'Shorter' }),
  );
  expectOk(
    addCheckIn(doc, {
      by: MENTEE,
      at: at('2025-03-12T08:00:00Z'),
      mood: 2,
      workload: 4,
      blockers: 'Visa',
      note: 'Busy\nweek',
    }),
  );
  expectOk(
    writeWrapUp(doc, {
      by: MENTEE,
      mostValuable: 'Feedback',
      learned: 'Scoping',
      couldImprove: 'Nothing',
    }),
  );
  expectOk(
    requestClosure(doc, {
      by: MENTEE,
      reason: 'New job, less time.\nThank you!',
      at: at('2025-07-01T08:00:00Z'),
    }),
  );
  expectOk(closeWorkspace(doc, { by: MENTOR, at: at('2025-07-10T12:00:00Z') }));
  return doc;
}
