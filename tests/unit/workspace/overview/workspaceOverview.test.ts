import { describe, expect, it } from 'vitest';
import {
  addActionItem,
  addCheckIn,
  addGoal,
  addMilestone,
  scheduleSession,
  startReview,
  termTimeline,
  updateActionItem,
  updateAgreementTerms,
  updateGoal,
  updateMilestone,
  updateSession,
  workspaceOverview,
} from '$lib/workspace';
import { createPairDoc, expectOk, MENTEE, MENTOR } from '../support/pairDoc';

const NOW = new Date('2025-03-12T12:00:00Z'); // 17:45 in Kathmandu, 13:00 in Berlin

function busyDoc() {
  const doc = createPairDoc();
  expectOk(updateAgreementTerms(doc, { by: MENTOR, reviewEverySessions: 2 }));
  expectOk(
    scheduleSession(doc, {
      by: MENTOR,
      id: 's1',
      date: '2025-02-24',
      time: '18:00',
      title: 'First',
    }),
  );
  expectOk(
    scheduleSession(doc, {
      by: MENTOR,
      id: 's2',
      date: '2025-03-10',
      time: '18:00',
      title: 'Second',
    }),
  );
  expectOk(
    scheduleSession(doc, {
      by: MENTOR,
      id: 's3',
      date: '2025-03-24',
      time: '18:00',
      title: 'Third',
    }),
  );
  expectOk(
    scheduleSession(doc, {
      by: MENTOR,
      id: 'sx',
      date: '2025-03-17',
      time: '18:00',
      title: 'Cancelled',
    }),
  );
  expectOk(updateSession(doc, { by: MENTOR, sessionId: 'sx', status: 'cancelled' }));
  expectOk(
    addGoal(doc, {
      by: MENTEE,
      id: 'late',
      at: new Date('2025-01-10T00:00:00Z'),
      title: 'Late',
      targetDate: '2025-03-01',
      status: 'active',
    }),
  );
  expectOk(
    addGoal(doc, {
      by: MENTEE,
      id: 'fine',
      at: new Date('2025-01-11T00:00:00Z'),
      title: 'Fine',
      targetDate: '2025-06-01',
      status: 'active',
    }),
  );
  expectOk(
    addGoal(doc, {
      by: MENTEE,
      id: 'gone',
      at: new Date('2025-01-12T00:00:00Z'),
      title: 'Gone',
      status: 'dropped',
    }),
  );
  expectOk(addMilestone(doc, { by: MENTEE, id: 'm1', goalId: 'fine', title: 'A' }));
  expectOk(addMilestone(doc, { by: MENTEE, id: 'm2', goalId: 'fine', title: 'B' }));
  expectOk(updateMilestone(doc, { by: MENTEE, milestoneId: 'm1', done: true }));
  expectOk(
    addActionItem(doc, {
      by: MENTOR,
      id: 'a-late',
      title: 'Late',
      ownerId: MENTEE,
      dueDate: '2025-03-11',
    }),
  );
  expectOk(
    addActionItem(doc, {
      by: MENTOR,
      id: 'a-soon',
      title: 'Soon',
      ownerId: MENTOR,
      dueDate: '2025-03-20',
    }),
  );
  expectOk(
    addActionItem(doc, {
      by: MENTOR,
      id: 'a-done',
      title: 'Done',
      ownerId: MENTOR,
      dueDate: '2025-03-01',
    }),
  );
  expectOk(updateActionItem(doc, { by: MENTOR, actionItemId: 'a-done', done: true }));
  expectOk(
    addCheckIn(doc, {
      by: MENTEE,
      id: 'c1',
      at: new Date('2025-03-01T08:00:00Z'),
      mood: 4,
      workload: 3,
    }),
  );
  expectOk(
    addCheckIn(doc, {
      by: MENTEE,
      id: 'c2',
      at: new Date('2025-03-04T08:00:00Z'),
      mood: 2,
      workload: 5,
    }),
  );
  return doc;
}

describe('workspaceOverview', () => {
  it('gathers everything the overview shows, for one viewer at one time', () => {
    const doc = busyDoc();
    const overview = workspaceOverview(doc, { now: NOW, viewerId: MENTOR });
    expect(overview.title).toBe('Ana & Ben');
    expect(overview.viewer?.personId).toBe(MENTOR);
    expect(overview.partner?.personId).toBe(MENTEE);
    expect(overview.nextSession?.id).toBe('s3');
    expect(overview.sessionDue).toEqual({
      dueDate: '2025-03-24',
      overdue: false,
      basis: 'last',
      scheduled: true,
    });
    // Weekly check-ins; the last was on 4 March: due 11 March, now overdue.
    expect(overview.checkInDue).toEqual({
      dueDate: '2025-03-11',
      overdue: true,
      basis: 'last',
    });
    expect(overview.lastCheckIn?.id).toBe('c2');
    expect(overview.partnerNeedsSupport).toBe(true);
    expect(overview.reviewDue).toEqual({ due: true, heldSinceLastReview: 2, every: 2 });
    expect(overview.openActionItems.map((item) => [item.id, item.overdue])).toEqual([
      ['a-late', true],
      ['a-soon', false],
    ]);
    expect(overview.goals.map((goal) => [goal.id, goal.overdue, goal.progress])).toEqual([
      ['late', true, 0],
      ['fine', false, 0.5],
    ]);
    expect(overview.term).toMatchObject({
      termStart: '2025-01-06',
      termEnd: '2025-07-06',
      today: '2025-03-12',
      ended: false,
      daysLeft: 116,
    });
    expect(overview.term.elapsed).toBeCloseTo(65 / 181);
    expect(overview.closure.stage).toBe('open');
    expect(overview.readOnly).toBe(false);
  });

  it('drops done items and recomputes as things change', () => {
    const doc = busyDoc();
    expectOk(addActionItem(doc, { by: MENTOR, id: 'x', title: 'X', ownerId: MENTOR }));
    expectOk(startReview(doc, { by: MENTOR, at: NOW }));
    expectOk(updateGoal(doc, { by: MENTEE, goalId: 'late', status: 'done' }));
    expectOk(addCheckIn(doc, { by: MENTEE, at: NOW, mood: 4, workload: 3 }));
    const overview = workspaceOverview(doc, { now: NOW, viewerId: MENTEE });
    expect(overview.reviewDue.due).toBe(false);
    expect(overview.goals.find((goal) => goal.id === 'late')).toMatchObject({
      overdue: false,
      progress: 1,
    });
    expect(overview.checkInDue?.overdue).toBe(false);
    expect(overview.partnerNeedsSupport).toBe(false); // the mentor has not checked in
    expect(overview.openActionItems.map((item) => item.id)).toContain('x');
  });

  it("uses the viewer's calendar for dates", () => {
    const doc = busyDoc();
    // 19:00Z on 11 March is already 12 March in Kathmandu, still 11 March in Berlin.
    const evening = new Date('2025-03-11T19:00:00Z');
    expect(
      workspaceOverview(doc, { now: evening, viewerId: MENTOR }).openActionItems[0]?.overdue,
    ).toBe(false);
    expect(
      workspaceOverview(doc, { now: evening, viewerId: MENTEE }).openActionItems[0]?.overdue,
    ).toBe(true);
  });
});

describe('termTimeline', () => {
  it('lays out sessions, goal targets and reviews in date order', () => {
    const doc = busyDoc();
    expectOk(startReview(doc, { by: MENTOR, id: 'r', at: new Date('2025-03-11T09:00:00Z') }));
    const timeline = termTimeline(doc, { now: NOW, timeZone: 'Europe/Berlin' });
    expect(timeline.events.map((event) => [event.kind, event.id, event.date, event.past])).toEqual([
      ['session', 's1', '2025-02-24', true],
      ['goal-target', 'late', '2025-03-01', true],
      ['session', 's2', '2025-03-10', true],
      ['review', 'r', '2025-03-11', true],
      ['session', 's3', '2025-03-24', false],
      ['goal-target', 'fine', '2025-06-01', false],
    ]);
  });

  it('reports an ended term', () => {
    const doc = createPairDoc();
    const timeline = termTimeline(doc, { now: new Date('2025-08-01T00:00:00Z'), timeZone: 'UTC' });
    expect(timeline).toMatchObject({ ended: true, elapsed: 1, daysLeft: -26 });
  });
});
