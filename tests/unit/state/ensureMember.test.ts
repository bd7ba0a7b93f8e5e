import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Profile } from '$lib/state/actionResult';
import { ensureMember } from '$lib/state/ensureMember';
import {
  addPerson,
  createWorkspace,
  findPerson,
  listPeople,
  recordInvite,
  type Role,
} from '$lib/workspace';
import { keyText, minute } from '../workspace/identity/ids';
import { CREATED_AT, expectError, expectOk, newDoc } from '../workspace/support/pairDoc';

/*
 * ensureMember runs once a device holds its pair's doc. A person already in the pair changes
 * nothing; a new one is added; and a person who joined by invite may take the place of whoever
 * holds their role — the partner back under a new key after losing their phone — but never the
 * place of the person who invited them, and never without an invite.
 */

const BEN = keyText(2);
const ANA = keyText(1);
const ANA_NEW_PHONE = keyText(11);
const BEN_NEW_PHONE = keyText(12);
const WEEK = 7 * 24 * 60;

const profile = (personId: string, name: string, role: Role): Profile => ({
  personId,
  name,
  role,
  timeZone: role === 'mentor' ? 'Europe/Berlin' : 'Asia/Kathmandu',
});

const ben = profile(BEN, 'Ben', 'mentor');
const ana = profile(ANA, 'Ana', 'mentee');

/** Ben's pair, which Ana joined unless `withMentee` is false. */
function pairDoc(input: { withMentee?: boolean } = {}): Y.Doc {
  const doc = newDoc(1);
  expectOk(
    createWorkspace(doc, {
      title: 'Ana & Ben',
      creator: ben,
      at: CREATED_AT,
    }),
  );
  if (input.withMentee !== false) expectOk(addPerson(doc, { ...ana, at: CREATED_AT }));
  return doc;
}

/** Records an invite `inviteId` made by `createdBy`. */
function invite(doc: Y.Doc, inviteId: string, createdBy: string): void {
  expectOk(
    recordInvite(doc, { inviteId, createdBy, createdAt: minute(0), expiresAt: minute(WEEK) }),
  );
}

const ids = (doc: Y.Doc) => listPeople(doc).map((person) => person.personId);

describe('ensureMember', () => {
  it('adds a new person', () => {
    const doc = pairDoc({ withMentee: false });
    invite(doc, 'inv-ben', BEN);
    expectOk(ensureMember(doc, ana, { inviteId: 'inv-ben' }));
    expect(ids(doc)).toEqual([BEN, ANA]);
    expect(findPerson(doc, ANA)).toMatchObject({
      name: 'Ana',
      role: 'mentee',
      timeZone: 'Asia/Kathmandu',
    });
  });

  it('adds a new person who came without an invite (the creator’s other device, a link)', () => {
    const doc = pairDoc({ withMentee: false });
    expectOk(ensureMember(doc, ana));
    expect(ids(doc)).toEqual([BEN, ANA]);
  });

  it('does nothing for a person already in the pair', () => {
    const doc = pairDoc();
    invite(doc, 'inv-ben', BEN);
    const before = Y.encodeStateVector(doc);
    // Even a different name or zone on this device: each person edits their own profile.
    expectOk(ensureMember(doc, { ...ana, name: 'Ana María', timeZone: 'UTC' }));
    expectOk(ensureMember(doc, ben, { inviteId: 'inv-ben' }));
    expectOk(ensureMember(doc, ana, { inviteId: 'inv-ben' }));
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(findPerson(doc, ANA)?.name).toBe('Ana');
  });

  // With both people in the pair (the only case in which a partner comes back) addPerson answers
  // PAIR_FULL before ROLE_TAKEN: either leads to the replacement.
  it('with an invite: takes the place of the partner holding the role (not the inviter)', () => {
    const doc = pairDoc();
    invite(doc, 'inv-ben', BEN);
    const anaAgain = { ...ana, personId: ANA_NEW_PHONE };
    expectOk(ensureMember(doc, anaAgain, { inviteId: 'inv-ben' }));
    expect(ids(doc)).toEqual([BEN, ANA_NEW_PHONE]);
    expect(findPerson(doc, ANA)?.replacedBy).toBe(ANA_NEW_PHONE);
    // Running again (the next update of the doc) changes nothing.
    const before = Y.encodeStateVector(doc);
    expectOk(ensureMember(doc, anaAgain, { inviteId: 'inv-ben' }));
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('with an invite from the mentee: a new mentor key takes the old mentor’s place', () => {
    const doc = pairDoc();
    invite(doc, 'inv-ana', ANA);
    const benAgain = { ...ben, personId: BEN_NEW_PHONE };
    expectOk(ensureMember(doc, benAgain, { inviteId: 'inv-ana' }));
    expect(ids(doc)).toEqual([BEN_NEW_PHONE, ANA]);
    expect(findPerson(doc, BEN)?.replacedBy).toBe(BEN_NEW_PHONE);
  });

  it('never replaces anyone for an invite the pair has no record of', () => {
    const doc = pairDoc();
    const before = Y.encodeStateVector(doc);
    const result = ensureMember(doc, { ...ana, personId: ANA_NEW_PHONE }, { inviteId: 'inv-none' });
    expect(result.ok).toBe(false);
    expect(ids(doc)).toEqual([BEN, ANA]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('never takes the inviter’s place', () => {
    // Ana invites, and the link's holder says they are the mentee: Ana's place stays hers.
    const doc = pairDoc();
    invite(doc, 'inv-ana', ANA);
    const before = Y.encodeStateVector(doc);
    const result = ensureMember(doc, { ...ana, personId: ANA_NEW_PHONE }, { inviteId: 'inv-ana' });
    expect(result.ok).toBe(false);
    expect(ids(doc)).toEqual([BEN, ANA]);
    expect(findPerson(doc, ANA_NEW_PHONE)).toBeUndefined();
    expect(findPerson(doc, ANA)?.replacedBy).toBeUndefined();
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('never takes the place of an inviter who is alone in the pair', () => {
    // Ben invites before anyone joined; the joiner claims the mentor role too.
    const doc = pairDoc({ withMentee: false });
    invite(doc, 'inv-ben', BEN);
    expectError(
      ensureMember(doc, { ...ben, personId: BEN_NEW_PHONE }, { inviteId: 'inv-ben' }),
      'ROLE_TAKEN',
      'role',
    );
    expect(ids(doc)).toEqual([BEN]);
    expect(findPerson(doc, BEN)?.replacedBy).toBeUndefined();
  });

  it('without an invite id never replaces anyone', () => {
    const doc = pairDoc();
    invite(doc, 'inv-ben', BEN);
    const before = Y.encodeStateVector(doc);
    const result = ensureMember(doc, { ...ana, personId: ANA_NEW_PHONE });
    expect(result.ok).toBe(false);
    expect(ids(doc)).toEqual([BEN, ANA]);
    expect(findPerson(doc, ANA)?.replacedBy).toBeUndefined();
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('without an invite id never replaces, even when the role holder is alone', () => {
    const doc = pairDoc({ withMentee: false });
    expectError(ensureMember(doc, { ...ben, personId: BEN_NEW_PHONE }), 'ROLE_TAKEN', 'role');
    expect(ids(doc)).toEqual([BEN]);
  });

  it('a person whose place was taken does not come back by opening the pair again', () => {
    const doc = pairDoc();
    invite(doc, 'inv-ben', BEN);
    expectOk(ensureMember(doc, { ...ana, personId: ANA_NEW_PHONE }, { inviteId: 'inv-ben' }));
    const before = Y.encodeStateVector(doc);
    // The lost phone turns up and opens the pair: its old entry stays marked, out of the pair.
    expect(ensureMember(doc, ana).ok).toBe(false);
    expect(ids(doc)).toEqual([BEN, ANA_NEW_PHONE]);
    expect(findPerson(doc, ANA)?.replacedBy).toBe(ANA_NEW_PHONE);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
