import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AGREEMENT_SECTION_KEYS,
  AGREEMENT_TEMPLATE,
  addGoal,
  addPerson,
  canonicalAgreementBytes,
  createWorkspace,
  CURRENT_SCHEMA_VERSION,
  LEGACY_AGREEMENT_FILLER,
  listPeople,
  partnerOf,
  readAgreement,
  readWorkspaceMeta,
  setPairTitle,
  updatePerson,
} from '$lib/workspace';
import {
  CREATED_AT,
  createPairDoc,
  expectError,
  expectOk,
  forkDoc,
  MENTEE,
  MENTOR,
  newDoc,
} from './support/pairDoc';

const creator = {
  personId: MENTOR,
  name: 'Ben',
  role: 'mentor' as const,
  timeZone: 'Europe/Berlin',
};

describe('createWorkspace', () => {
  it('writes the schema version, title, creator and a pre-filled agreement', () => {
    const doc = newDoc(1);
    expectOk(createWorkspace(doc, { title: '  Ana & Ben  ', creator, at: CREATED_AT }));
    expect(readWorkspaceMeta(doc)).toEqual({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      title: 'Ana & Ben',
      createdAt: CREATED_AT.toISOString(),
      createdBy: MENTOR,
    });
    expect(listPeople(doc)).toEqual([
      {
        personId: MENTOR,
        name: 'Ben',
        role: 'mentor',
        timeZone: 'Europe/Berlin',
        joinedAt: CREATED_AT.toISOString(),
      },
    ]);
    const agreement = readAgreement(doc);
    // The prompts are placeholders: nothing the pair did not write is in the signed bytes.
    for (const key of AGREEMENT_SECTION_KEYS) expect(agreement.sections[key]).toBe('');
    const canonical = new TextDecoder().decode(canonicalAgreementBytes(doc));
    expect(canonical).not.toContain('\u2026');
    for (const key of AGREEMENT_SECTION_KEYS) {
      expect(canonical).not.toContain(AGREEMENT_TEMPLATE[key].prompt);
      expect(canonical).not.toContain(LEGACY_AGREEMENT_FILLER[key]);
    }
    expect(agreement.terms).toEqual({
      meetingCadence: { every: 2, unit: 'week' },
      meetingMinutes: 60,
      checkInCadence: { every: 1, unit: 'week' },
      reviewEverySessions: 4,
      responseTimeHours: 48,
      termStart: '2025-01-06',
      termEnd: '2025-07-06',
      channels: ['video', 'chat'],
    });
  });

  it('names every part of a mentoring agreement in the template', () => {
    expect(AGREEMENT_SECTION_KEYS).toEqual([
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
    ]);
  });

  it("starts the term on the creator's calendar and takes the term length", () => {
    const doc = newDoc(1);
    const lateEvening = new Date('2025-01-31T23:30:00Z'); // already 1 February in Berlin
    expectOk(createWorkspace(doc, { title: 'T', creator, at: lateEvening, termMonths: 12 }));
    expect(readAgreement(doc).terms).toMatchObject({
      termStart: '2025-02-01',
      termEnd: '2026-02-01',
    });
  });

  it('validates its input and never initialises twice', () => {
    expectError(createWorkspace(newDoc(1), { title: ' ', creator }), 'TITLE_REQUIRED', 'title');
    expectError(createWorkspace(newDoc(1), { title: 'x'.repeat(201), creator }), 'TEXT_TOO_LONG');
    expectError(createWorkspace(newDoc(1), { title: 'T', creator, termMonths: 0 }), 'OUT_OF_RANGE');
    expectError(
      createWorkspace(newDoc(1), { title: 'T', creator: { ...creator, timeZone: 'Nowhere/Land' } }),
      'INVALID_TIME_ZONE',
    );
    expectError(
      createWorkspace(newDoc(1), { title: 'T', creator: { ...creator, role: 'boss' as 'mentor' } }),
      'INVALID_VALUE',
      'role',
    );
    const failed = newDoc(1);
    createWorkspace(failed, { title: 'T', creator: { ...creator, name: '' } });
    expect(readWorkspaceMeta(failed).schemaVersion).toBeUndefined();
    const doc = createPairDoc();
    expectError(createWorkspace(doc, { title: 'Again', creator }), 'ALREADY_INITIALISED');
  });

  it('refuses commands on a doc that holds no workspace yet', () => {
    const empty = new Y.Doc();
    expectError(
      addPerson(empty, { personId: MENTEE, name: 'Ana', role: 'mentee', timeZone: 'UTC' }),
      'NOT_INITIALISED',
    );
    expectError(addGoal(empty, { by: MENTOR, title: 'Goal' }), 'NOT_INITIALISED');
  });
});

describe('people', () => {
  it('lets the partner join once, as the other role', () => {
    const doc = newDoc(1);
    expectOk(createWorkspace(doc, { title: 'T', creator, at: CREATED_AT }));
    const joinAs = (personId: string, role: 'mentor' | 'mentee') =>
      addPerson(doc, { personId, name: 'Ana', role, timeZone: 'Asia/Kathmandu' });
    expectError(joinAs(MENTEE, 'mentor'), 'ROLE_TAKEN', 'role');
    expectError(joinAs(MENTOR, 'mentee'), 'DUPLICATE_ID');
    expectError(
      addPerson(doc, { personId: MENTEE, name: 'Ana', role: 'mentee', timeZone: 'X/Y' }),
      'INVALID_TIME_ZONE',
    );
    expectOk(joinAs(MENTEE, 'mentee'));
    expectError(joinAs('p-third', 'mentee'), 'PAIR_FULL');
    expect(listPeople(doc).map((person) => person.role)).toEqual(['mentor', 'mentee']);
    expect(partnerOf(doc, MENTOR)?.personId).toBe(MENTEE);
    expect(partnerOf(doc, MENTEE)?.personId).toBe(MENTOR);
  });

  it('lets each person change their own name and zone', () => {
    const doc = createPairDoc();
    expectOk(updatePerson(doc, { by: MENTEE, name: 'Ana M.', timeZone: 'Europe/Lisbon' }));
    expect(partnerOf(doc, MENTOR)).toMatchObject({ name: 'Ana M.', timeZone: 'Europe/Lisbon' });
    expectError(updatePerson(doc, { by: MENTEE, timeZone: 'Lisbon' }), 'INVALID_TIME_ZONE');
    expectError(updatePerson(doc, { by: MENTEE, name: '' }), 'TITLE_REQUIRED', 'name');
  });

  it('merges the pair title and profile edits made on two devices', () => {
    const mentorDoc = createPairDoc(1);
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(setPairTitle(mentorDoc, { by: MENTOR, title: 'Ben mentoring Ana' }));
    expectOk(updatePerson(menteeDoc, { by: MENTEE, name: 'Ana M.' }));
    Y.applyUpdate(menteeDoc, Y.encodeStateAsUpdate(mentorDoc));
    Y.applyUpdate(mentorDoc, Y.encodeStateAsUpdate(menteeDoc));
    for (const doc of [mentorDoc, menteeDoc]) {
      expect(readWorkspaceMeta(doc).title).toBe('Ben mentoring Ana');
      expect(partnerOf(doc, MENTOR)?.name).toBe('Ana M.');
    }
    expectError(setPairTitle(mentorDoc, { by: MENTOR, title: '' }), 'TITLE_REQUIRED');
  });
});
