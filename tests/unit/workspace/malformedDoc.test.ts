import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  agreementSignatureState,
  exportSessionIcs,
  exportUpcomingIcs,
  exportWorkspaceMarkdown,
  listActionItems,
  listCheckIns,
  listFeedback,
  listGoals,
  listPeople,
  listReviews,
  listSessions,
  readAgreement,
  updateGoal,
  workspaceOverview,
} from '$lib/workspace';
import { ROOT } from '$lib/workspace/docShape';
import { createPairDoc, expectError, MENTEE, MENTOR } from './support/pairDoc';
import { currentHash } from './support/agreementHash';

/**
 * The inner doc is also written by the partner's device: an old, buggy or hostile client may
 * put anything anywhere. Queries must skip or default what they cannot read, never throw.
 */
function hostileDoc(): Y.Doc {
  const doc = createPairDoc();
  const map = (name: keyof typeof ROOT) => doc.getMap<unknown>(ROOT[name]);
  const entity = (entries: Record<string, unknown>) => {
    const m = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(entries)) m.set(key, value);
    return m;
  };
  map('people').set('p-ghost', entity({ name: 42, role: 'admin', timeZone: 'Mars/Olympus' }));
  map('people').set('p-junk', 'not a map');
  map('goals').set(
    'g-bad',
    entity({
      title: 7,
      status: 'weird',
      target: 'many',
      targetDate: 'soon',
      specific: 'not a text',
    }),
  );
  map('goals').set('g-str', 'not a map');
  map('milestones').set('m-bad', entity({ goalId: 'g-bad', order: '!!', done: 'yes' }));
  map('sessions').set('s-bad', entity({ startsAt: 'tomorrow', durationMinutes: 60 }));
  map('sessions').set(
    's-long',
    entity({ startsAt: '2025-03-10T17:00:00.000Z', durationMinutes: 1e9 }),
  );
  map('sessions').set(
    's-odd',
    entity({
      startsAt: '2025-03-10T17:00:00.000Z',
      durationMinutes: 60,
      timeZone: 'Nowhere',
      status: 'exploded',
      notes: 12,
    }),
  );
  map('agendaTopics').set('t-bad', entity({ sessionId: 's-odd', text: ['x'], order: 5 }));
  map('actionItems').set('a-bad', entity({ title: null, dueDate: 20250101 }));
  map('checkIns').set('c-bad', entity({ personId: MENTEE, at: 'now', mood: 9, workload: 1 }));
  map('feedback').set('f-bad', entity({ fromId: MENTEE }));
  map('reviews').set(
    'r-bad',
    entity({ heldSessionCount: -4, 'answer:p-mentee': { assessment: 'meh' } }),
  );
  map('agreement').set('meetingCadence', { every: 1e6, unit: 'week' });
  map('agreement').set('meetingMinutes', 'long');
  map('agreement').set('termStart', '2025-02-31');
  map('agreementChannels').set('video', 'maybe');
  map('agreementSignatures').set('sig', { personId: MENTOR });
  map('closure').set('closedAt', 17);
  return doc;
}

describe('reading a doc with malformed data', () => {
  it('skips or defaults what it cannot read, and never throws', () => {
    const doc = hostileDoc();
    expect(listPeople(doc).map((person) => person.personId)).toEqual([MENTOR, MENTEE]);
    const goal = listGoals(doc).find((g) => g.id === 'g-bad');
    expect(goal).toMatchObject({
      title: '',
      status: 'proposed',
      target: null,
      targetDate: null,
      specific: '',
    });
    expect(goal?.milestones).toMatchObject([{ id: 'm-bad', order: undefined, done: false }]);
    expect(listSessions(doc).map((s) => s.id)).toEqual(['s-odd']);
    expect(listSessions(doc)[0]).toMatchObject({
      timeZone: 'UTC',
      status: 'scheduled',
      notes: '',
      agenda: [{ text: '' }],
    });
    expect(listActionItems(doc)).toMatchObject([{ id: 'a-bad', title: '', dueDate: null }]);
    expect(listCheckIns(doc)).toEqual([]);
    expect(listFeedback(doc)).toEqual([]);
    expect(listReviews(doc)).toMatchObject([{ id: 'r-bad', heldSessionCount: 0, answers: [] }]);
    expect(readAgreement(doc).terms).toMatchObject({
      meetingCadence: { every: 2, unit: 'week' },
      meetingMinutes: 60,
      termStart: null,
    });
    expect(agreementSignatureState(doc, 'h').people.map((p) => p.state)).toEqual([
      'unsigned',
      'unsigned',
    ]);
    const now = new Date('2025-03-12T12:00:00Z');
    expect(() => workspaceOverview(doc, { now, viewerId: MENTOR })).not.toThrow();
    expect(() => workspaceOverview(doc, { now, viewerId: 'p-nobody' })).not.toThrow();
    expect(() => exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) })).not.toThrow();
    expect(exportSessionIcs(doc, 's-odd').ok).toBe(true);
    expect(exportUpcomingIcs(doc, now).count).toBe(0);
  });

  it('still edits a malformed goal, replacing the unreadable text', () => {
    const doc = hostileDoc();
    expectError(updateGoal(doc, { by: 'p-ghost', goalId: 'g-bad', title: 'x' }), 'UNKNOWN_PERSON');
    const result = updateGoal(doc, {
      by: MENTEE,
      goalId: 'g-bad',
      title: 'Fixed',
      specific: 'Now a text',
    });
    expect(result.ok).toBe(true);
    expect(listGoals(doc).find((g) => g.id === 'g-bad')).toMatchObject({
      title: 'Fixed',
      specific: 'Now a text',
    });
  });
});
