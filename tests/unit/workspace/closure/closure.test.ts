import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActionItem,
  addAgendaTopic,
  addAvailabilityWindow,
  addCheckIn,
  addGoal,
  addMilestone,
  addPerson,
  answerReview,
  closeWorkspace,
  exportSessionIcs,
  exportUpcomingIcs,
  exportWorkspaceMarkdown,
  giveFeedback,
  isWorkspaceClosed,
  linkGoalSession,
  listGoals,
  listSessions,
  moveAgendaTopic,
  moveMilestone,
  readAgreement,
  readClosure,
  recordAgreementSignature,
  removeActionItem,
  removeAgendaTopic,
  removeAvailabilityWindow,
  removeMilestone,
  requestClosure,
  rescheduleSession,
  scheduleSession,
  setAgreementSection,
  setPairTitle,
  setReviewAgreedChanges,
  setSessionNotes,
  setSessionReflection,
  startReview,
  updateActionItem,
  updateAgendaTopic,
  updateAgreementTerms,
  updateGoal,
  updateMilestone,
  updatePerson,
  updateSession,
  withdrawClosureRequest,
  workspaceOverview,
  writeWrapUp,
  type WorkspaceResult,
} from '$lib/workspace';
import {
  createPairDoc,
  expectError,
  expectOk,
  forkDoc,
  MENTEE,
  MENTOR,
  syncDocs,
} from '../support/pairDoc';
import { currentHash } from '../support/agreementHash';

const NOW = new Date('2025-07-10T12:00:00Z');
const wrapUp = {
  mostValuable: 'Honest feedback',
  learned: 'How to scope a paper',
  couldImprove: 'Meet more often',
};

/** A workspace with one of everything, so every command has something to act on. */
function populatedDoc(): Y.Doc {
  const doc = createPairDoc();
  expectOk(addGoal(doc, { by: MENTEE, id: 'g', title: 'G' }));
  expectOk(addMilestone(doc, { by: MENTEE, id: 'm', goalId: 'g', title: 'M' }));
  expectOk(scheduleSession(doc, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }));
  expectOk(addAgendaTopic(doc, { by: MENTEE, id: 't', sessionId: 's', text: 'T' }));
  expectOk(addActionItem(doc, { by: MENTOR, id: 'a', title: 'A', ownerId: MENTEE }));
  expectOk(
    addAvailabilityWindow(doc, {
      by: MENTEE,
      id: 'w',
      kind: 'quiet',
      weekday: 1,
      start: '22:00',
      end: '07:00',
    }),
  );
  expectOk(startReview(doc, { by: MENTOR, id: 'r' }));
  return doc;
}

/** Every command in the domain, with valid input. */
function everyCommand(doc: Y.Doc): Array<[string, () => WorkspaceResult<object>]> {
  const by = MENTOR;
  return [
    [
      'addPerson',
      () => addPerson(doc, { personId: 'p3', name: 'C', role: 'mentee', timeZone: 'UTC' }),
    ],
    ['updatePerson', () => updatePerson(doc, { by, name: 'Benjamin' })],
    ['setPairTitle', () => setPairTitle(doc, { by, title: 'New' })],
    [
      'addAvailabilityWindow',
      () =>
        addAvailabilityWindow(doc, {
          by,
          kind: 'available',
          weekday: 2,
          start: '09:00',
          end: '10:00',
        }),
    ],
    [
      'removeAvailabilityWindow',
      () => removeAvailabilityWindow(doc, { by: MENTEE, windowId: 'w' }),
    ],
    ['setAgreementSection', () => setAgreementSection(doc, { by, key: 'purpose', text: 'x' })],
    ['updateAgreementTerms', () => updateAgreementTerms(doc, { by, meetingMinutes: 30 })],
    [
      'recordAgreementSignature',
      () =>
        recordAgreementSignature(doc, {
          personId: by,
          contentHash: 'h',
          signature: 's',
          publicKey: 'k',
          signedAt: '2025-07-10T12:00:00.000Z',
        }),
    ],
    ['addGoal', () => addGoal(doc, { by, title: 'G2' })],
    ['updateGoal', () => updateGoal(doc, { by, goalId: 'g', title: 'G3' })],
    ['addMilestone', () => addMilestone(doc, { by, goalId: 'g', title: 'M2' })],
    ['updateMilestone', () => updateMilestone(doc, { by, milestoneId: 'm', done: true })],
    ['moveMilestone', () => moveMilestone(doc, { by, milestoneId: 'm', toIndex: 0 })],
    ['removeMilestone', () => removeMilestone(doc, { by, milestoneId: 'm' })],
    [
      'linkGoalSession',
      () => linkGoalSession(doc, { by, goalId: 'g', sessionId: 's', linked: true }),
    ],
    ['scheduleSession', () => scheduleSession(doc, { by, date: '2025-08-01', time: '10:00' })],
    [
      'rescheduleSession',
      () => rescheduleSession(doc, { by, sessionId: 's', date: '2025-03-11', time: '10:00' }),
    ],
    ['updateSession', () => updateSession(doc, { by, sessionId: 's', title: 'x' })],
    ['setSessionNotes', () => setSessionNotes(doc, { by, sessionId: 's', text: 'x' })],
    ['addAgendaTopic', () => addAgendaTopic(doc, { by, sessionId: 's', text: 'x' })],
    ['updateAgendaTopic', () => updateAgendaTopic(doc, { by, topicId: 't', covered: true })],
    ['moveAgendaTopic', () => moveAgendaTopic(doc, { by, topicId: 't', toIndex: 0 })],
    ['removeAgendaTopic', () => removeAgendaTopic(doc, { by, topicId: 't' })],
    ['addActionItem', () => addActionItem(doc, { by, title: 'x', ownerId: by })],
    ['updateActionItem', () => updateActionItem(doc, { by, actionItemId: 'a', done: true })],
    ['removeActionItem', () => removeActionItem(doc, { by, actionItemId: 'a' })],
    [
      'setSessionReflection',
      () => setSessionReflection(doc, { by, sessionId: 's', useful: 'x', tryNext: 'y', at: NOW }),
    ],
    ['giveFeedback', () => giveFeedback(doc, { by, to: MENTEE, keep: 'x', change: '' })],
    ['startReview', () => startReview(doc, { by })],
    [
      'answerReview',
      () => answerReview(doc, { by, reviewId: 'r', assessment: 'on-track', whatToChange: '' }),
    ],
    ['setReviewAgreedChanges', () => setReviewAgreedChanges(doc, { by, reviewId: 'r', text: 'x' })],
    ['addCheckIn', () => addCheckIn(doc, { by, mood: 3, workload: 3 })],
    ['requestClosure', () => requestClosure(doc, { by })],
    ['withdrawClosureRequest', () => withdrawClosureRequest(doc, { by })],
    ['writeWrapUp', () => writeWrapUp(doc, { by, ...wrapUp })],
    ['closeWorkspace', () => closeWorkspace(doc, { by })],
  ];
}

describe('closure', () => {
  it('goes from a request, through wrap-ups, to closed', () => {
    const doc = populatedDoc();
    const state = () => readClosure(doc, { now: NOW, timeZone: 'Europe/Berlin' });
    expect(state()).toMatchObject({
      stage: 'open',
      termEnded: true,
      missingWrapUps: [MENTOR, MENTEE],
    });
    expectOk(requestClosure(doc, { by: MENTEE, reason: 'New job', at: NOW }));
    expect(state()).toMatchObject({ stage: 'closing', requestedBy: MENTEE, reason: 'New job' });
    expectOk(withdrawClosureRequest(doc, { by: MENTEE }));
    expect(state().stage).toBe('open');
    expectOk(requestClosure(doc, { by: MENTEE, at: NOW }));
    expectOk(writeWrapUp(doc, { by: MENTEE, ...wrapUp, at: NOW }));
    expect(state().missingWrapUps).toEqual([MENTOR]);
    const closed = expectOk(
      closeWorkspace(doc, { by: MENTOR, wrapUp: { ...wrapUp, learned: 'Patience' }, at: NOW }),
    );
    expect(closed.missingWrapUps).toEqual([]);
    expect(isWorkspaceClosed(doc)).toBe(true);
    expect(state()).toMatchObject({
      stage: 'closed',
      closedBy: MENTOR,
      closedAt: NOW.toISOString(),
      missingWrapUps: [],
    });
    expect(state().wrapUps.map((w) => [w.personId, w.learned])).toEqual([
      [MENTEE, 'How to scope a paper'],
      [MENTOR, 'Patience'],
    ]);
  });

  it('lets either person close alone, reporting the missing wrap-up', () => {
    const doc = populatedDoc();
    expect(expectOk(closeWorkspace(doc, { by: MENTEE })).missingWrapUps).toEqual([MENTOR, MENTEE]);
  });

  it('makes every command refuse with WORKSPACE_CLOSED and change nothing', () => {
    const doc = populatedDoc();
    expectOk(closeWorkspace(doc, { by: MENTOR, at: NOW }));
    const before = Y.encodeStateVector(doc);
    const commands = everyCommand(doc);
    expect(commands.length).toBeGreaterThanOrEqual(36);
    for (const [name, run] of commands) {
      const result = run();
      expect({ name, ok: result.ok, code: result.ok ? undefined : result.code }).toEqual({
        name,
        ok: false,
        code: 'WORKSPACE_CLOSED',
      });
    }
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('every command in that list does work on an open workspace', () => {
    const doc = populatedDoc();
    const failures = everyCommand(doc)
      .filter(([name]) => name !== 'addPerson' && name !== 'recordAgreementSignature')
      .map(([name, run]) => [name, run()] as const)
      .filter(([, result]) => !result.ok)
      .map(([name, result]) => `${name}: ${result.ok ? '' : result.code}`);
    expect(failures).toEqual([]);
  });

  it('keeps queries and exports working after closure', () => {
    const doc = populatedDoc();
    expectOk(closeWorkspace(doc, { by: MENTOR, at: NOW }));
    expect(listGoals(doc)).toHaveLength(1);
    expect(listSessions(doc)).toHaveLength(1);
    expect(readAgreement(doc).terms.meetingMinutes).toBe(60);
    expect(exportSessionIcs(doc, 's').ok).toBe(true);
    expect(exportUpcomingIcs(doc, NOW).count).toBe(0);
    expect(exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) })).toContain(
      'Closed by Ben',
    );
    expect(workspaceOverview(doc, { now: NOW, viewerId: MENTEE })).toMatchObject({
      readOnly: true,
    });
  });

  it('keeps edits made offline before the closure was seen', () => {
    const mentorDoc = populatedDoc();
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(closeWorkspace(mentorDoc, { by: MENTOR, at: NOW }));
    expectOk(updateGoal(menteeDoc, { by: MENTEE, goalId: 'g', title: 'Written offline' }));
    syncDocs(mentorDoc, menteeDoc);
    expect(isWorkspaceClosed(menteeDoc)).toBe(true);
    expect(listGoals(mentorDoc)[0]?.title).toBe('Written offline');
    expectError(
      updateGoal(menteeDoc, { by: MENTEE, goalId: 'g', title: 'Too late' }),
      'WORKSPACE_CLOSED',
    );
  });
});
