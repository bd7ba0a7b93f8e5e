import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addGoal,
  closeWorkspace,
  findPerson,
  listGoals,
  listPeople,
  partnerOf,
  replacePerson,
  updatePerson,
} from '$lib/workspace';
import {
  CREATED_AT,
  MENTEE,
  MENTOR,
  createPairDoc,
  expectError,
  expectOk,
  forkDoc,
  syncDocs,
} from '../support/pairDoc';

/*
 * A partner who lost their device comes back by a new invite under a new person key: the new
 * entry takes the old one's place (same role), and the old entry stays, marked `replacedBy`, so
 * the history still names its author.
 */

const NEW_MENTEE = 'p-mentee-new-phone';
const LATER = new Date('2025-02-03T10:00:00.000Z');

/** The mentee's new identity, taking the old one's place. */
function newMentee(overrides: Partial<Parameters<typeof replacePerson>[1]> = {}) {
  return {
    personId: NEW_MENTEE,
    name: 'Ana',
    role: 'mentee' as const,
    timeZone: 'Asia/Kathmandu',
    at: LATER,
    replaces: MENTEE,
    ...overrides,
  };
}

/** Everything the `people` root holds, as plain JSON (to show a refusal changed nothing). */
const peopleJson = (doc: Y.Doc) => doc.getMap('people').toJSON();

describe('replacePerson', () => {
  it('takes the place of the person with the same role; the old entry stays, out of the pair', () => {
    const doc = createPairDoc();
    expectOk(replacePerson(doc, newMentee()));

    expect(listPeople(doc).map((person) => person.personId)).toEqual([MENTOR, NEW_MENTEE]);
    expect(partnerOf(doc, MENTOR)?.personId).toBe(NEW_MENTEE);
    expect(findPerson(doc, NEW_MENTEE)).toEqual({
      personId: NEW_MENTEE,
      name: 'Ana',
      role: 'mentee',
      timeZone: 'Asia/Kathmandu',
      joinedAt: LATER.toISOString(),
    });
    // Still found by id, so goals and notes written under the old key keep their author's name.
    expect(findPerson(doc, MENTEE)).toEqual({
      personId: MENTEE,
      name: 'Ana',
      role: 'mentee',
      timeZone: 'Asia/Kathmandu',
      joinedAt: CREATED_AT.toISOString(),
      replacedBy: NEW_MENTEE,
    });
    expect(findPerson(doc, MENTOR)?.replacedBy).toBeUndefined();
  });

  it('lets the mentor be replaced by a new mentor key too', () => {
    const doc = createPairDoc();
    expectOk(
      replacePerson(doc, {
        personId: 'p-mentor-new',
        name: 'Ben',
        role: 'mentor',
        timeZone: 'Europe/Berlin',
        replaces: MENTOR,
      }),
    );
    expect(listPeople(doc).map((person) => person.personId)).toEqual(['p-mentor-new', MENTEE]);
    expect(findPerson(doc, MENTOR)?.replacedBy).toBe('p-mentor-new');
  });

  it('refuses to replace someone who is not in the pair, and changes nothing', () => {
    const doc = createPairDoc();
    const before = peopleJson(doc);
    expectError(
      replacePerson(doc, newMentee({ replaces: 'p-nobody' })),
      'UNKNOWN_PERSON',
      'replaces',
    );
    expect(peopleJson(doc)).toEqual(before);
    expect(findPerson(doc, NEW_MENTEE)).toBeUndefined();
  });

  it('refuses to replace a person of the other role, and changes nothing', () => {
    const doc = createPairDoc();
    const before = peopleJson(doc);
    // A mentee's new key never takes the mentor's place ...
    expectError(replacePerson(doc, newMentee({ replaces: MENTOR })), 'UNKNOWN_PERSON', 'replaces');
    // ... nor a mentor's key the mentee's.
    expectError(
      replacePerson(doc, newMentee({ role: 'mentor', replaces: MENTEE })),
      'UNKNOWN_PERSON',
      'replaces',
    );
    expect(peopleJson(doc)).toEqual(before);
    expect(listPeople(doc).map((person) => person.personId)).toEqual([MENTOR, MENTEE]);
  });

  it('refuses to replace a person someone already replaced', () => {
    const doc = createPairDoc();
    expectOk(replacePerson(doc, newMentee()));
    expectError(
      replacePerson(doc, newMentee({ personId: 'p-mentee-third', replaces: MENTEE })),
      'UNKNOWN_PERSON',
      'replaces',
    );
    expect(listPeople(doc).map((person) => person.personId)).toEqual([MENTOR, NEW_MENTEE]);
  });

  it('leaves the old entry unmarked when the new one is refused', () => {
    const doc = createPairDoc();
    const before = peopleJson(doc);
    expectError(replacePerson(doc, newMentee({ timeZone: 'Mars/Olympus' })), 'INVALID_TIME_ZONE');
    expectError(replacePerson(doc, newMentee({ name: '   ' })), 'TITLE_REQUIRED', 'name');
    // The new key is already somebody's: the mentor cannot be turned into the mentee.
    expectError(replacePerson(doc, newMentee({ personId: MENTOR })), 'DUPLICATE_ID', 'personId');
    expect(peopleJson(doc)).toEqual(before);
    expect(findPerson(doc, MENTEE)?.replacedBy).toBeUndefined();
    expect(listPeople(doc).map((person) => person.personId)).toEqual([MENTOR, MENTEE]);
  });

  it('refuses in a closed workspace', () => {
    const doc = createPairDoc();
    expectOk(closeWorkspace(doc, { by: MENTOR, at: CREATED_AT }));
    expectError(replacePerson(doc, newMentee()), 'WORKSPACE_CLOSED');
    expect(findPerson(doc, MENTEE)?.replacedBy).toBeUndefined();
  });

  it('merges with concurrent edits on the other devices', () => {
    const mentee = createPairDoc(1);
    const mentor = forkDoc(mentee, 2);
    const oldPhone = forkDoc(mentee, 3);

    // Apart: the mentee's new phone takes the place; the mentor renames themselves and adds a
    // goal; the lost phone (still running somewhere) edits the old mentee's time zone.
    expectOk(replacePerson(mentee, newMentee()));
    expectOk(updatePerson(mentor, { by: MENTOR, name: 'Benedikt', at: LATER }));
    expectOk(
      addGoal(mentor, { by: MENTOR, id: 'goal-1', title: 'Finish the thesis draft', at: LATER }),
    );
    expectOk(updatePerson(oldPhone, { by: MENTEE, timeZone: 'Asia/Tokyo', at: LATER }));

    syncDocs(mentee, mentor, oldPhone);

    for (const doc of [mentee, mentor, oldPhone]) {
      expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(mentee));
      const people = listPeople(doc);
      expect(people.map((person) => [person.personId, person.name])).toEqual([
        [MENTOR, 'Benedikt'],
        [NEW_MENTEE, 'Ana'],
      ]);
      const old = findPerson(doc, MENTEE);
      expect(old?.replacedBy).toBe(NEW_MENTEE);
      expect(old?.timeZone).toBe('Asia/Tokyo');
      expect(listGoals(doc).map((goal) => goal.title)).toEqual(['Finish the thesis draft']);
    }
  });
});
