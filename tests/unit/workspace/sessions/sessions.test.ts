import { describe, expect, it } from 'vitest';
import {
  addActionItem,
  addAgendaTopic,
  addGoal,
  heldSessions,
  listActionItems,
  listAgendaTopics,
  listSessionReflections,
  listSessions,
  moveAgendaTopic,
  nextSession,
  readSession,
  removeActionItem,
  removeAgendaTopic,
  rescheduleSession,
  scheduleSession,
  sessionDue,
  sessionNotesText,
  setSessionNotes,
  setSessionReflection,
  updateActionItem,
  updateAgendaTopic,
  updateAgreementTerms,
  updateSession,
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

const AT = new Date('2025-03-01T10:00:00.000Z');

describe('scheduling', () => {
  it("stores the author's wall time as UTC with the author's zone", () => {
    const doc = createPairDoc();
    const result = expectOk(
      scheduleSession(doc, {
        by: MENTOR,
        id: 's1',
        at: AT,
        date: '2025-03-10',
        time: '18:00',
        title: 'Kick-off',
      }),
    );
    expect(result).toEqual({
      ok: true,
      id: 's1',
      startsAt: '2025-03-10T17:00:00.000Z',
      resolution: 'exact',
    });
    expect(readSession(doc, 's1')).toEqual({
      id: 's1',
      title: 'Kick-off',
      startsAt: '2025-03-10T17:00:00.000Z',
      endsAt: '2025-03-10T18:00:00.000Z',
      durationMinutes: 60,
      timeZone: 'Europe/Berlin',
      status: 'scheduled',
      notes: '',
      agenda: [],
      createdBy: MENTOR,
      createdAt: AT.toISOString(),
      updatedAt: AT.toISOString(),
    });
    // The mentee schedules in Kathmandu time, with an explicit length.
    const other = expectOk(
      scheduleSession(doc, { by: MENTEE, date: '2025-03-11', time: '07:30', durationMinutes: 45 }),
    );
    expect(other.startsAt).toBe('2025-03-11T01:45:00.000Z');
    expect(readSession(doc, other.id)).toMatchObject({
      timeZone: 'Asia/Kathmandu',
      durationMinutes: 45,
    });
  });

  it('reports a time moved out of the skipped hour', () => {
    const doc = createPairDoc();
    const result = expectOk(
      scheduleSession(doc, { by: MENTOR, date: '2025-03-30', time: '02:30' }),
    );
    expect(result).toMatchObject({ startsAt: '2025-03-30T01:30:00.000Z', resolution: 'skipped' });
  });

  it('takes the meeting length from the agreement by default', () => {
    const doc = createPairDoc();
    expectOk(updateAgreementTerms(doc, { by: MENTOR, meetingMinutes: 90 }));
    const { id } = expectOk(
      scheduleSession(doc, { by: MENTOR, date: '2025-03-10', time: '18:00' }),
    );
    expect(readSession(doc, id)?.durationMinutes).toBe(90);
  });

  it('validates date, time, zone and length', () => {
    const doc = createPairDoc();
    const base = { by: MENTOR, date: '2025-03-10', time: '18:00' };
    expectError(scheduleSession(doc, { ...base, date: '2025-02-29' }), 'INVALID_DATE', 'date');
    expectError(scheduleSession(doc, { ...base, time: '6pm' }), 'INVALID_TIME', 'time');
    expectError(
      scheduleSession(doc, { ...base, timeZone: 'Berlin' }),
      'INVALID_TIME_ZONE',
      'timeZone',
    );
    expectError(scheduleSession(doc, { ...base, durationMinutes: 0 }), 'INVALID_DURATION');
    expectError(scheduleSession(doc, { ...base, durationMinutes: 30.5 }), 'INVALID_DURATION');
    expectError(
      scheduleSession(doc, { ...base, title: 'x'.repeat(201) }),
      'TEXT_TOO_LONG',
      'title',
    );
    expect(listSessions(doc)).toEqual([]);
  });

  it('reschedules, renames and cancels', () => {
    const doc = createPairDoc();
    expectOk(scheduleSession(doc, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }));
    const moved = expectOk(
      rescheduleSession(doc, {
        by: MENTEE,
        sessionId: 's',
        date: '2025-03-12',
        time: '20:00',
        timeZone: 'Asia/Kathmandu',
      }),
    );
    expect(moved.startsAt).toBe('2025-03-12T14:15:00.000Z');
    expectOk(
      updateSession(doc, { by: MENTEE, sessionId: 's', title: 'Moved', durationMinutes: 30 }),
    );
    expect(readSession(doc, 's')).toMatchObject({
      title: 'Moved',
      timeZone: 'Asia/Kathmandu',
      durationMinutes: 30,
      endsAt: '2025-03-12T14:45:00.000Z',
    });
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 's', status: 'cancelled' }));
    expect(readSession(doc, 's')?.status).toBe('cancelled');
    expectError(
      updateSession(doc, { by: MENTOR, sessionId: 's', status: 'held' as 'scheduled' }),
      'INVALID_VALUE',
    );
    expectError(
      rescheduleSession(doc, { by: MENTOR, sessionId: 'nope', date: '2025-03-12', time: '20:00' }),
      'NOT_FOUND',
    );
  });
});

describe('next session and the cadence', () => {
  it('finds the next session that has not ended, and counts held ones', () => {
    const doc = createPairDoc();
    expectOk(scheduleSession(doc, { by: MENTOR, id: 'past', date: '2025-03-03', time: '18:00' }));
    expectOk(
      scheduleSession(doc, { by: MENTOR, id: 'cancelled', date: '2025-03-12', time: '18:00' }),
    );
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 'cancelled', status: 'cancelled' }));
    expectOk(scheduleSession(doc, { by: MENTOR, id: 'next', date: '2025-03-17', time: '18:00' }));
    const now = new Date('2025-03-10T12:00:00Z');
    expect(nextSession(doc, now)?.id).toBe('next');
    expect(heldSessions(doc, now).map((s) => s.id)).toEqual(['past']);
    // In progress counts as next.
    expect(nextSession(doc, new Date('2025-03-17T17:30:00Z'))?.id).toBe('next');
    expect(nextSession(doc, new Date('2025-03-17T18:00:00Z'))).toBeUndefined();
  });

  it('is due one cadence after the last held session and overdue only if none is scheduled', () => {
    const doc = createPairDoc(); // fortnightly by default
    expectOk(scheduleSession(doc, { by: MENTOR, id: 'first', date: '2025-03-03', time: '18:00' }));
    const timeZone = 'Europe/Berlin';
    const before = sessionDue(doc, { now: new Date('2025-03-10T12:00:00Z'), timeZone });
    expect(before).toEqual({
      dueDate: '2025-03-17',
      overdue: false,
      basis: 'last',
      scheduled: false,
    });
    const late = sessionDue(doc, { now: new Date('2025-03-18T12:00:00Z'), timeZone });
    expect(late).toMatchObject({ overdue: true, scheduled: false });
    expectOk(scheduleSession(doc, { by: MENTOR, date: '2025-03-20', time: '18:00' }));
    expect(sessionDue(doc, { now: new Date('2025-03-18T12:00:00Z'), timeZone })).toMatchObject({
      overdue: false,
      scheduled: true,
    });
  });

  it('counts from the start of the term before any session', () => {
    const doc = createPairDoc(); // term starts 2025-01-06
    expect(sessionDue(doc, { now: new Date('2025-01-10T00:00:00Z'), timeZone: 'UTC' })).toEqual({
      dueDate: '2025-01-20',
      overdue: false,
      basis: 'term-start',
      scheduled: false,
    });
  });

  it('is a day: due on it, overdue only from the next one', () => {
    const doc = createPairDoc(); // term starts 2025-01-06, fortnightly: due 20 January
    const timeZone = 'Asia/Kathmandu';
    const onTheDay = sessionDue(doc, { now: new Date('2025-01-20T12:00:00Z'), timeZone });
    expect(onTheDay).toMatchObject({ dueDate: '2025-01-20', overdue: false });
    // 00:30 on 21 January in Kathmandu, still the 20th in UTC.
    const nextDay = sessionDue(doc, { now: new Date('2025-01-20T18:45:00Z'), timeZone });
    expect(nextDay).toMatchObject({ dueDate: '2025-01-20', overdue: true });
  });
});

describe('shared notes', () => {
  it('merges both people typing in the same notes while apart, character by character', () => {
    const mentorDoc = createPairDoc(1);
    expectOk(
      scheduleSession(mentorDoc, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }),
    );
    expectOk(
      setSessionNotes(mentorDoc, { by: MENTOR, sessionId: 's', text: 'Talked about the draft.' }),
    );
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(
      setSessionNotes(mentorDoc, {
        by: MENTOR,
        sessionId: 's',
        text: 'Talked about the first draft.',
      }),
    );
    expectOk(
      setSessionNotes(menteeDoc, {
        by: MENTEE,
        sessionId: 's',
        text: 'Talked about the draft. Next: figures.',
      }),
    );
    syncDocs(mentorDoc, menteeDoc);
    const merged = 'Talked about the first draft. Next: figures.';
    expect(readSession(mentorDoc, 's')?.notes).toBe(merged);
    expect(sessionNotesText(menteeDoc, 's')?.toString()).toBe(merged);
    expectError(
      setSessionNotes(mentorDoc, { by: MENTOR, sessionId: 'nope', text: '' }),
      'NOT_FOUND',
    );
  });
});

describe('agenda topics', () => {
  it('lets either person add, reorder, tick and remove topics', () => {
    const doc = createPairDoc();
    expectOk(scheduleSession(doc, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }));
    expectOk(addAgendaTopic(doc, { by: MENTEE, id: 't1', sessionId: 's', text: 'Draft feedback' }));
    expectOk(
      addAgendaTopic(doc, { by: MENTOR, id: 't2', sessionId: 's', text: 'Conference options' }),
    );
    expectOk(
      addAgendaTopic(doc, {
        by: MENTEE,
        id: 't0',
        sessionId: 's',
        text: 'How I am doing',
        index: 0,
      }),
    );
    const texts = () => listAgendaTopics(doc, 's').map((topic) => topic.text);
    expect(texts()).toEqual(['How I am doing', 'Draft feedback', 'Conference options']);
    expectOk(moveAgendaTopic(doc, { by: MENTOR, topicId: 't0', toIndex: 2 }));
    expect(texts()).toEqual(['Draft feedback', 'Conference options', 'How I am doing']);
    expectOk(
      updateAgendaTopic(doc, {
        by: MENTOR,
        topicId: 't1',
        covered: true,
        text: 'Draft feedback (ch. 2)',
      }),
    );
    expectOk(removeAgendaTopic(doc, { by: MENTEE, topicId: 't2' }));
    expect(readSession(doc, 's')?.agenda).toMatchObject([
      { id: 't1', text: 'Draft feedback (ch. 2)', covered: true, addedBy: MENTEE },
      { id: 't0', text: 'How I am doing', covered: false },
    ]);
    expectError(
      addAgendaTopic(doc, { by: MENTEE, sessionId: 's', text: '  ' }),
      'TEXT_REQUIRED',
      'text',
    );
    expectError(
      addAgendaTopic(doc, { by: MENTEE, sessionId: 'nope', text: 'x' }),
      'NOT_FOUND',
      'sessionId',
    );
    expectError(removeAgendaTopic(doc, { by: MENTEE, topicId: 't2' }), 'NOT_FOUND');
  });

  it('keeps topics both add while apart, in one order on both devices', () => {
    const mentorDoc = createPairDoc(1);
    expectOk(
      scheduleSession(mentorDoc, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }),
    );
    expectOk(
      addAgendaTopic(mentorDoc, { by: MENTOR, id: 'base', sessionId: 's', text: 'Catch-up' }),
    );
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(
      addAgendaTopic(mentorDoc, { by: MENTOR, id: 'x-mentor', sessionId: 's', text: 'Budget' }),
    );
    expectOk(
      addAgendaTopic(menteeDoc, { by: MENTEE, id: 'y-mentee', sessionId: 's', text: 'Visa' }),
    );
    expectOk(
      addAgendaTopic(menteeDoc, { by: MENTEE, id: 'z-mentee', sessionId: 's', text: 'Travel' }),
    );
    syncDocs(mentorDoc, menteeDoc);
    const order = listAgendaTopics(mentorDoc, 's').map((topic) => topic.id);
    expect(listAgendaTopics(menteeDoc, 's').map((topic) => topic.id)).toEqual(order);
    expect(order).toHaveLength(4);
    expect(order[0]).toBe('base');
    // Each person's own topics keep their relative order.
    expect(order.indexOf('y-mentee')).toBeLessThan(order.indexOf('z-mentee'));
  });
});

describe('action items', () => {
  it('have an owner and a due date, and list soonest first', () => {
    const doc = createPairDoc();
    expectOk(scheduleSession(doc, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }));
    expectOk(addGoal(doc, { by: MENTEE, id: 'g', title: 'G' }));
    expectOk(
      addActionItem(doc, {
        by: MENTOR,
        id: 'a1',
        title: 'Send reading list',
        ownerId: MENTOR,
        dueDate: '2025-03-14',
        sessionId: 's',
      }),
    );
    expectOk(
      addActionItem(doc, {
        by: MENTEE,
        id: 'a2',
        title: 'Book the room',
        ownerId: MENTEE,
        dueDate: '2025-03-12',
        goalId: 'g',
      }),
    );
    expectOk(addActionItem(doc, { by: MENTEE, id: 'a3', title: 'Someday', ownerId: MENTEE }));
    expect(listActionItems(doc).map((item) => item.id)).toEqual(['a2', 'a1', 'a3']);
    expectOk(updateActionItem(doc, { by: MENTOR, actionItemId: 'a2', done: true, at: AT }));
    expect(listActionItems(doc, { open: true }).map((item) => item.id)).toEqual(['a1', 'a3']);
    expect(listActionItems(doc, { sessionId: 's' }).map((item) => item.id)).toEqual(['a1']);
    expect(listActionItems(doc).find((item) => item.id === 'a2')).toMatchObject({
      done: true,
      doneAt: AT.toISOString(),
      goalId: 'g',
    });
    expectOk(
      updateActionItem(doc, {
        by: MENTOR,
        actionItemId: 'a3',
        ownerId: MENTOR,
        dueDate: '2025-04-01',
        title: 'Soon',
      }),
    );
    expectOk(removeActionItem(doc, { by: MENTOR, actionItemId: 'a1' }));
    expect(listActionItems(doc).map((item) => [item.id, item.title, item.ownerId])).toEqual([
      ['a2', 'Book the room', MENTEE],
      ['a3', 'Soon', MENTOR],
    ]);
  });

  it('validates owner, date and references', () => {
    const doc = createPairDoc();
    const base = { by: MENTOR, title: 'T', ownerId: MENTEE };
    expectError(addActionItem(doc, { ...base, ownerId: 'p-x' }), 'UNKNOWN_PERSON', 'ownerId');
    expectError(addActionItem(doc, { ...base, dueDate: '14/03/2025' }), 'INVALID_DATE', 'dueDate');
    expectError(addActionItem(doc, { ...base, sessionId: 'nope' }), 'NOT_FOUND', 'sessionId');
    expectError(addActionItem(doc, { ...base, goalId: 'nope' }), 'NOT_FOUND', 'goalId');
    expectError(addActionItem(doc, { ...base, title: '' }), 'TITLE_REQUIRED');
    expectError(
      updateActionItem(doc, { by: MENTOR, actionItemId: 'nope', done: true }),
      'NOT_FOUND',
    );
  });
});

describe('reflections', () => {
  it('one per person after the session starts; rewriting replaces it', () => {
    const doc = createPairDoc();
    expectOk(scheduleSession(doc, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }));
    const before = new Date('2025-03-10T16:00:00Z');
    const after = new Date('2025-03-10T19:00:00Z');
    expectError(
      setSessionReflection(doc, {
        by: MENTEE,
        sessionId: 's',
        useful: 'x',
        tryNext: 'y',
        at: before,
      }),
      'SESSION_NOT_HELD',
    );
    expectOk(
      setSessionReflection(doc, {
        by: MENTEE,
        sessionId: 's',
        useful: 'Outline',
        tryNext: 'Timebox',
        at: after,
      }),
    );
    expectOk(
      setSessionReflection(doc, {
        by: MENTOR,
        sessionId: 's',
        useful: 'Her questions',
        tryNext: 'Listen more',
        at: after,
      }),
    );
    expectOk(
      setSessionReflection(doc, {
        by: MENTEE,
        sessionId: 's',
        useful: 'The outline exercise',
        tryNext: 'Timebox the intro',
        at: new Date('2025-03-11T08:00:00Z'),
      }),
    );
    expect(listSessionReflections(doc, 's').map((r) => [r.personId, r.useful, r.tryNext])).toEqual([
      [MENTEE, 'The outline exercise', 'Timebox the intro'],
      [MENTOR, 'Her questions', 'Listen more'],
    ]);
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 's', status: 'cancelled' }));
    expectError(
      setSessionReflection(doc, {
        by: MENTOR,
        sessionId: 's',
        useful: 'x',
        tryNext: 'y',
        at: after,
      }),
      'SESSION_NOT_HELD',
    );
  });

  it('keeps the latest when one person wrote on two devices while apart', () => {
    const first = createPairDoc(1);
    expectOk(scheduleSession(first, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }));
    const second = forkDoc(first, 2);
    expectOk(
      setSessionReflection(first, {
        by: MENTEE,
        sessionId: 's',
        useful: 'phone',
        tryNext: '-',
        at: new Date('2025-03-10T20:00:00Z'),
      }),
    );
    expectOk(
      setSessionReflection(second, {
        by: MENTEE,
        sessionId: 's',
        useful: 'laptop',
        tryNext: '-',
        at: new Date('2025-03-10T21:00:00Z'),
      }),
    );
    syncDocs(first, second);
    expect(listSessionReflections(first, 's').map((r) => r.useful)).toEqual(['laptop']);
    expect(listSessionReflections(second, 's').map((r) => r.useful)).toEqual(['laptop']);
  });
});
