import { describe, expect, it } from 'vitest';
import {
  addGoal,
  addMilestone,
  goalProgress,
  goalProgressParts,
  goalText,
  isGoalOverdue,
  linkGoalSession,
  listGoals,
  listMilestones,
  moveMilestone,
  readGoal,
  removeMilestone,
  scheduleSession,
  updateGoal,
  updateMilestone,
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

const AT = new Date('2025-01-10T10:00:00.000Z');

describe('goals', () => {
  it('adds a SMART goal with every field', () => {
    const doc = createPairDoc();
    const { id } = expectOk(
      addGoal(doc, {
        by: MENTEE,
        id: 'g1',
        at: AT,
        title: '  Present at a conference ',
        specific: 'A 20-minute talk on my field work',
        metric: 'talks given',
        target: 1,
        current: 0,
        achievable: 'My supervisor backs it',
        relevant: 'Needed for the next grant',
        targetDate: '2025-06-30',
      }),
    );
    expect(id).toBe('g1');
    expect(readGoal(doc, 'g1')).toEqual({
      id: 'g1',
      title: 'Present at a conference',
      specific: 'A 20-minute talk on my field work',
      metric: 'talks given',
      target: 1,
      current: 0,
      achievable: 'My supervisor backs it',
      relevant: 'Needed for the next grant',
      targetDate: '2025-06-30',
      status: 'proposed',
      createdAt: AT.toISOString(),
      createdBy: MENTEE,
      updatedAt: AT.toISOString(),
      linkedSessionIds: [],
      milestones: [],
      progress: 0,
    });
    expect(goalText(doc, 'g1', 'specific')?.toString()).toBe('A 20-minute talk on my field work');
  });

  it('validates goal fields', () => {
    const doc = createPairDoc();
    expectError(addGoal(doc, { by: MENTEE, title: '   ' }), 'TITLE_REQUIRED', 'title');
    expectError(addGoal(doc, { by: MENTEE, title: 'x'.repeat(201) }), 'TEXT_TOO_LONG', 'title');
    expectError(
      addGoal(doc, { by: MENTEE, title: 'G', targetDate: '2025-02-30' }),
      'INVALID_DATE',
      'targetDate',
    );
    expectError(addGoal(doc, { by: MENTEE, title: 'G', target: 0 }), 'OUT_OF_RANGE', 'target');
    expectError(
      addGoal(doc, { by: MENTEE, title: 'G', current: Number.NaN }),
      'OUT_OF_RANGE',
      'current',
    );
    expectError(
      addGoal(doc, { by: MENTEE, title: 'G', status: 'paused' as 'active' }),
      'INVALID_VALUE',
      'status',
    );
    expectError(
      addGoal(doc, { by: MENTEE, title: 'G', specific: 'x'.repeat(2001) }),
      'TEXT_TOO_LONG',
      'specific',
    );
    expectError(addGoal(doc, { by: 'p-stranger', title: 'G' }), 'UNKNOWN_PERSON', 'by');
    expectError(
      addGoal(doc, { by: MENTEE, title: 'G', at: new Date('nope') }),
      'INVALID_INSTANT',
      'at',
    );
    expectOk(addGoal(doc, { by: MENTEE, title: 'G', id: 'dup' }));
    expectError(addGoal(doc, { by: MENTEE, title: 'G', id: 'dup' }), 'DUPLICATE_ID', 'id');
    expectError(
      updateGoal(doc, { by: MENTEE, goalId: 'missing', title: 'x' }),
      'NOT_FOUND',
      'goalId',
    );
    expect(listGoals(doc)).toHaveLength(1);
  });

  it('computes progress from the measure, else milestones, and 1 when done', () => {
    expect(goalProgress({ status: 'active', target: 4, current: 1, milestones: [] })).toBe(0.25);
    expect(goalProgress({ status: 'active', target: 4, current: 9, milestones: [] })).toBe(1);
    expect(goalProgress({ status: 'active', target: 4, current: -2, milestones: [] })).toBe(0);
    expect(
      goalProgress({
        status: 'active',
        target: null,
        current: null,
        milestones: [{ done: true }, { done: false }],
      }),
    ).toBe(0.5);
    expect(goalProgress({ status: 'proposed', target: null, current: null, milestones: [] })).toBe(
      0,
    );
    expect(goalProgress({ status: 'done', target: 4, current: 0, milestones: [] })).toBe(1);
  });

  it('keeps the measure and the milestones apart, so ticking a milestone always counts', () => {
    const milestones = [{ done: true }, { done: false }];
    expect(goalProgressParts({ target: 4, current: 1, milestones })).toEqual({
      measure: 0.25,
      milestones: { done: 1, total: 2 },
    });
    expect(goalProgressParts({ target: null, current: null, milestones: [] })).toEqual({
      measure: null,
      milestones: null,
    });
    expect(goalProgressParts({ target: 0, current: 3, milestones })).toMatchObject({
      measure: null,
    });
  });

  it('flags open goals past their target date', () => {
    expect(isGoalOverdue({ status: 'active', targetDate: '2025-05-01' }, '2025-05-02')).toBe(true);
    expect(isGoalOverdue({ status: 'proposed', targetDate: '2025-05-01' }, '2025-05-02')).toBe(
      true,
    );
    expect(isGoalOverdue({ status: 'active', targetDate: '2025-05-01' }, '2025-05-01')).toBe(false);
    expect(isGoalOverdue({ status: 'done', targetDate: '2025-05-01' }, '2025-06-01')).toBe(false);
    expect(isGoalOverdue({ status: 'dropped', targetDate: '2025-05-01' }, '2025-06-01')).toBe(
      false,
    );
    expect(isGoalOverdue({ status: 'active', targetDate: null }, '2025-06-01')).toBe(false);
  });

  it('keeps milestones in order through adds, moves and removals', () => {
    const doc = createPairDoc();
    expectOk(addGoal(doc, { by: MENTEE, id: 'g', title: 'G' }));
    for (const [id, title] of [
      ['m1', 'Outline'],
      ['m2', 'Draft'],
      ['m3', 'Rehearse'],
    ] as const) {
      expectOk(addMilestone(doc, { by: MENTEE, id, goalId: 'g', title }));
    }
    expectOk(
      addMilestone(doc, { by: MENTOR, id: 'm0', goalId: 'g', title: 'Pick a venue', index: 0 }),
    );
    const titles = () => listMilestones(doc, 'g').map((milestone) => milestone.title);
    expect(titles()).toEqual(['Pick a venue', 'Outline', 'Draft', 'Rehearse']);
    expectOk(moveMilestone(doc, { by: MENTEE, milestoneId: 'm0', toIndex: 3 }));
    expect(titles()).toEqual(['Outline', 'Draft', 'Rehearse', 'Pick a venue']);
    expectOk(moveMilestone(doc, { by: MENTEE, milestoneId: 'm3', toIndex: 1 }));
    expect(titles()).toEqual(['Outline', 'Rehearse', 'Draft', 'Pick a venue']);
    expectOk(
      updateMilestone(doc, { by: MENTEE, milestoneId: 'm1', done: true, dueDate: '2025-02-01' }),
    );
    expectOk(removeMilestone(doc, { by: MENTEE, milestoneId: 'm2' }));
    expect(titles()).toEqual(['Outline', 'Rehearse', 'Pick a venue']);
    expect(readGoal(doc, 'g')?.progress).toBeCloseTo(1 / 3);
    expectError(
      addMilestone(doc, { by: MENTEE, goalId: 'nope', title: 'x' }),
      'NOT_FOUND',
      'goalId',
    );
    expectError(
      addMilestone(doc, { by: MENTEE, goalId: 'g', title: 'x', dueDate: 'soon' }),
      'INVALID_DATE',
    );
    expectError(moveMilestone(doc, { by: MENTEE, milestoneId: 'm1', toIndex: -1 }), 'OUT_OF_RANGE');
    expectError(updateMilestone(doc, { by: MENTEE, milestoneId: 'm2', done: true }), 'NOT_FOUND');
  });

  it('links sessions to a goal', () => {
    const doc = createPairDoc();
    expectOk(addGoal(doc, { by: MENTEE, id: 'g', title: 'G' }));
    expectOk(scheduleSession(doc, { by: MENTOR, id: 's1', date: '2025-02-03', time: '18:00' }));
    expectOk(linkGoalSession(doc, { by: MENTOR, goalId: 'g', sessionId: 's1', linked: true }));
    expect(readGoal(doc, 'g')?.linkedSessionIds).toEqual(['s1']);
    expectOk(linkGoalSession(doc, { by: MENTOR, goalId: 'g', sessionId: 's1', linked: false }));
    expect(readGoal(doc, 'g')?.linkedSessionIds).toEqual([]);
    expectError(
      linkGoalSession(doc, { by: MENTOR, goalId: 'g', sessionId: 'nope', linked: true }),
      'NOT_FOUND',
      'sessionId',
    );
  });
});

describe('both people editing the same goal while apart', () => {
  it('merges field by field and texts character by character, losing no edit', () => {
    const mentorDoc = createPairDoc(1);
    expectOk(
      addGoal(mentorDoc, {
        by: MENTEE,
        id: 'g',
        at: AT,
        title: 'Publish a paper',
        specific: 'One paper on soil data',
        metric: 'papers',
        target: 1,
      }),
    );
    const menteeDoc = forkDoc(mentorDoc, 2);
    // Mentor: status, target date and the start of the text. Mentee: title, measure, the end.
    expectOk(
      updateGoal(mentorDoc, {
        by: MENTOR,
        goalId: 'g',
        status: 'active',
        targetDate: '2025-09-30',
        specific: 'One peer-reviewed paper on soil data',
      }),
    );
    expectOk(
      updateGoal(menteeDoc, {
        by: MENTEE,
        goalId: 'g',
        title: 'Publish my first paper',
        current: 0.5,
        specific: 'One paper on soil data from the 2024 season',
        relevant: 'Needed for the PhD',
      }),
    );
    expectOk(
      addMilestone(mentorDoc, {
        by: MENTOR,
        id: 'm-mentor',
        goalId: 'g',
        title: 'Choose a journal',
      }),
    );
    expectOk(
      addMilestone(menteeDoc, { by: MENTEE, id: 'm-mentee', goalId: 'g', title: 'Clean the data' }),
    );
    syncDocs(mentorDoc, menteeDoc);
    const expected = {
      title: 'Publish my first paper',
      status: 'active',
      targetDate: '2025-09-30',
      current: 0.5,
      target: 1,
      specific: 'One peer-reviewed paper on soil data from the 2024 season',
      relevant: 'Needed for the PhD',
      progress: 0.5,
    };
    const mentorView = readGoal(mentorDoc, 'g');
    expect(mentorView).toMatchObject(expected);
    expect(readGoal(menteeDoc, 'g')).toEqual(mentorView);
    expect(mentorView?.milestones.map((m) => m.id).sort()).toEqual(['m-mentee', 'm-mentor']);
  });

  it('keeps milestones added at the same place by both in one order on both devices', () => {
    const mentorDoc = createPairDoc(1);
    expectOk(addGoal(mentorDoc, { by: MENTEE, id: 'g', title: 'G' }));
    expectOk(addMilestone(mentorDoc, { by: MENTEE, id: 'first', goalId: 'g', title: 'First' }));
    expectOk(addMilestone(mentorDoc, { by: MENTEE, id: 'last', goalId: 'g', title: 'Last' }));
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(
      addMilestone(mentorDoc, { by: MENTOR, id: 'a-mentor', goalId: 'g', title: 'M', index: 1 }),
    );
    expectOk(
      addMilestone(menteeDoc, { by: MENTEE, id: 'b-mentee', goalId: 'g', title: 'E', index: 1 }),
    );
    syncDocs(mentorDoc, menteeDoc);
    const order = listMilestones(mentorDoc, 'g').map((m) => m.id);
    expect(listMilestones(menteeDoc, 'g').map((m) => m.id)).toEqual(order);
    expect(order[0]).toBe('first');
    expect(order[3]).toBe('last');
    // A later insert between the two concurrent ones lands between them.
    expectOk(
      addMilestone(mentorDoc, { by: MENTOR, id: 'between', goalId: 'g', title: 'B', index: 2 }),
    );
    expect(listMilestones(mentorDoc, 'g').map((m) => m.id)).toEqual([
      order[0],
      order[1],
      'between',
      order[2],
      order[3],
    ]);
  });

  it('a milestone moved by both lands once, where the later move put it', () => {
    const mentorDoc = createPairDoc(1);
    expectOk(addGoal(mentorDoc, { by: MENTEE, id: 'g', title: 'G' }));
    for (const id of ['a', 'b', 'c'])
      expectOk(addMilestone(mentorDoc, { by: MENTEE, id, goalId: 'g', title: id }));
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(moveMilestone(mentorDoc, { by: MENTOR, milestoneId: 'c', toIndex: 0 }));
    expectOk(moveMilestone(menteeDoc, { by: MENTEE, milestoneId: 'c', toIndex: 1 }));
    syncDocs(mentorDoc, menteeDoc);
    const ids = listMilestones(mentorDoc, 'g').map((m) => m.id);
    expect(ids).toHaveLength(3);
    expect(ids.filter((id) => id === 'c')).toHaveLength(1);
    expect(listMilestones(menteeDoc, 'g').map((m) => m.id)).toEqual(ids);
  });
});
