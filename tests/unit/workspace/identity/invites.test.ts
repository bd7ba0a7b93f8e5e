import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  closeWorkspace,
  createWorkspace,
  inviteStanding,
  INVITES_ROOT,
  listInvites,
  markInviteUsed,
  recordInvite,
  revokeInvite,
  type InviteEntry,
} from '$lib/workspace';
import { CREATED_AT, expectError, expectOk, forkDoc, newDoc, syncDocs } from '../support/pairDoc';
import { keyText, minute } from './ids';

const BEN = keyText(2);
const ANA = keyText(1);
const CARL = keyText(3);
const WEEK = 7 * 24 * 60;

/** A workspace created by Ben, whose person id is a real key text. */
function bensDoc(clientId = 1): Y.Doc {
  const doc = newDoc(clientId);
  expectOk(
    createWorkspace(doc, {
      title: 'Ana & Ben',
      creator: { personId: BEN, name: 'Ben', role: 'mentor', timeZone: 'Europe/Berlin' },
      at: CREATED_AT,
    }),
  );
  return doc;
}

function invite(overrides: Partial<InviteEntry> = {}): InviteEntry {
  return {
    inviteId: 'inv-1',
    createdBy: BEN,
    createdAt: minute(0),
    expiresAt: minute(WEEK),
    ...overrides,
  };
}

describe('recordInvite', () => {
  it('records an invite that reads back whole', () => {
    const doc = bensDoc();
    expectOk(recordInvite(doc, invite()));
    expect(listInvites(doc)).toEqual([invite()]);
  });

  it.each([
    ['inviteId', { inviteId: '' }, 'INVALID_VALUE'],
    ['inviteId', { inviteId: 'has space' }, 'INVALID_VALUE'],
    ['inviteId', { inviteId: 'x'.repeat(101) }, 'INVALID_VALUE'],
    ['createdBy', { createdBy: 'p-ben' }, 'INVALID_VALUE'],
    ['createdBy', { createdBy: CARL }, 'UNKNOWN_PERSON'],
    ['createdAt', { createdAt: 'now' }, 'INVALID_INSTANT'],
    ['expiresAt', { expiresAt: 'never' }, 'INVALID_INSTANT'],
    ['expiresAt', { expiresAt: minute(0) }, 'INVALID_RANGE'],
  ] as const)('refuses a bad %s', (field, overrides, code) => {
    const doc = bensDoc();
    expectError(recordInvite(doc, invite(overrides)), code, field);
    expect(listInvites(doc)).toEqual([]);
  });

  it('refuses a duplicate id, an uninitialised doc and a closed workspace', () => {
    const doc = bensDoc();
    expectOk(recordInvite(doc, invite()));
    expectError(recordInvite(doc, invite()), 'DUPLICATE_ID', 'inviteId');
    expectError(recordInvite(newDoc(2), invite()), 'NOT_INITIALISED');
    expectOk(closeWorkspace(doc, { by: BEN, at: new Date(minute(1)) }));
    expectError(recordInvite(doc, invite({ inviteId: 'inv-2' })), 'WORKSPACE_CLOSED');
  });
});

describe('revokeInvite', () => {
  it('marks the invite revoked, keeping the first time', () => {
    const doc = bensDoc();
    expectOk(recordInvite(doc, invite()));
    expectOk(revokeInvite(doc, { inviteId: 'inv-1', at: minute(5) }));
    expectOk(revokeInvite(doc, { inviteId: 'inv-1', at: minute(6) }));
    expect(listInvites(doc)[0]?.revokedAt).toBe(minute(5));
  });

  it('refuses an unknown or used invite and a bad instant', () => {
    const doc = bensDoc();
    expectError(revokeInvite(doc, { inviteId: 'inv-1', at: minute(5) }), 'NOT_FOUND');
    expectOk(recordInvite(doc, invite()));
    expectError(revokeInvite(doc, { inviteId: 'inv-1', at: 'x' }), 'INVALID_INSTANT', 'at');
    expectOk(markInviteUsed(doc, { inviteId: 'inv-1', personId: ANA, at: minute(2) }));
    expectError(revokeInvite(doc, { inviteId: 'inv-1', at: minute(5) }), 'INVITE_USED');
    expect(listInvites(doc)[0]?.revokedAt).toBeUndefined();
  });

  it('works in a closed workspace', () => {
    const doc = bensDoc();
    expectOk(recordInvite(doc, invite()));
    expectOk(closeWorkspace(doc, { by: BEN, at: new Date(minute(1)) }));
    expectOk(revokeInvite(doc, { inviteId: 'inv-1', at: minute(5) }));
  });
});

describe('markInviteUsed', () => {
  it('records the joiner, and is idempotent for the same person', () => {
    const doc = bensDoc();
    expectOk(recordInvite(doc, invite()));
    expectOk(markInviteUsed(doc, { inviteId: 'inv-1', personId: ANA, at: minute(3) }));
    expectOk(markInviteUsed(doc, { inviteId: 'inv-1', personId: ANA, at: minute(4) }));
    expect(listInvites(doc)).toEqual([invite({ usedBy: ANA, usedAt: minute(3) })]);
  });

  it('refuses unknown, revoked, used-by-another and expired invites', () => {
    const doc = bensDoc();
    const use = (inviteId: string, personId = ANA, at = minute(3)) =>
      markInviteUsed(doc, { inviteId, personId, at });
    expectError(use('inv-1'), 'NOT_FOUND', 'inviteId');
    expectOk(recordInvite(doc, invite()));
    expectOk(recordInvite(doc, invite({ inviteId: 'inv-2' })));
    expectOk(recordInvite(doc, invite({ inviteId: 'inv-3' })));
    expectOk(revokeInvite(doc, { inviteId: 'inv-1', at: minute(1) }));
    expectError(use('inv-1'), 'INVITE_REVOKED');
    expectOk(use('inv-2', CARL));
    expectError(use('inv-2'), 'INVITE_USED');
    expectError(use('inv-3', ANA, minute(WEEK)), 'INVITE_EXPIRED');
    expectError(use('inv-3', 'ana'), 'INVALID_VALUE', 'personId');
    expectError(use('inv-3', ANA, 'soon'), 'INVALID_INSTANT', 'at');
    expect(listInvites(doc).find((entry) => entry.inviteId === 'inv-3')?.usedBy).toBeUndefined();
  });
});

describe('inviteStanding', () => {
  const standing = (doc: Y.Doc, personId = ANA, now = minute(60)) =>
    inviteStanding(doc, { inviteId: 'inv-1', personId, now: new Date(now) });

  it('follows the invite through its life', () => {
    const doc = bensDoc();
    expect(standing(doc)).toBe('unknown');
    expectOk(recordInvite(doc, invite()));
    expect(standing(doc)).toBe('open');
    expect(standing(doc, ANA, minute(WEEK))).toBe('expired');
    expect(inviteStanding(doc, { inviteId: 'inv-1', personId: ANA, now: new Date(NaN) })).toBe(
      'expired',
    );
    expectOk(markInviteUsed(doc, { inviteId: 'inv-1', personId: ANA, at: minute(3) }));
    expect(standing(doc)).toBe('open');
    // Already joined: the invite's expiry no longer matters to Ana.
    expect(standing(doc, ANA, minute(2 * WEEK))).toBe('open');
    expect(standing(doc, CARL)).toBe('used');
  });

  it('says revoked for a revoked invite', () => {
    const doc = bensDoc();
    expectOk(recordInvite(doc, invite()));
    expectOk(revokeInvite(doc, { inviteId: 'inv-1', at: minute(5) }));
    expect(standing(doc)).toBe('revoked');
  });

  it('says revoked when a revocation and a use crossed while apart', () => {
    const ben = bensDoc(1);
    expectOk(recordInvite(ben, invite()));
    const ana = forkDoc(ben, 2);
    expectOk(revokeInvite(ben, { inviteId: 'inv-1', at: minute(5) }));
    expectOk(markInviteUsed(ana, { inviteId: 'inv-1', personId: ANA, at: minute(6) }));
    syncDocs(ben, ana);
    expect(standing(ana)).toBe('revoked');
    expect(standing(ben)).toBe('revoked');
  });

  it('two persons using one invite converge on one usedBy; the loser is told used', () => {
    const ben = bensDoc(1);
    expectOk(recordInvite(ben, invite()));
    const ana = forkDoc(ben, 2);
    const carl = forkDoc(ben, 3);
    expectOk(markInviteUsed(ana, { inviteId: 'inv-1', personId: ANA, at: minute(6) }));
    expectOk(markInviteUsed(carl, { inviteId: 'inv-1', personId: CARL, at: minute(7) }));
    syncDocs(ben, ana, carl);
    const [entry] = listInvites(ben);
    expect(listInvites(ana)).toEqual([entry]);
    expect(listInvites(carl)).toEqual([entry]);
    // One whole use: the winner's id with the winner's time.
    expect([
      { usedBy: ANA, usedAt: minute(6) },
      { usedBy: CARL, usedAt: minute(7) },
    ]).toContainEqual({ usedBy: entry?.usedBy, usedAt: entry?.usedAt });
    const [winner, loser] = entry?.usedBy === ANA ? [ANA, CARL] : [CARL, ANA];
    expect(standing(ben, winner)).toBe('open');
    expect(standing(ben, loser)).toBe('used');
    expectError(
      markInviteUsed(ben, { inviteId: 'inv-1', personId: loser, at: minute(8) }),
      'INVITE_USED',
    );
  });
});

describe('listInvites', () => {
  it('lists newest first, then by id', () => {
    const doc = bensDoc();
    expectOk(recordInvite(doc, invite({ inviteId: 'b', createdAt: minute(1) })));
    expectOk(recordInvite(doc, invite({ inviteId: 'c', createdAt: minute(9) })));
    expectOk(recordInvite(doc, invite({ inviteId: 'a', createdAt: minute(1) })));
    expect(listInvites(doc).map((entry) => entry.inviteId)).toEqual(['c', 'a', 'b']);
  });

  it('skips malformed entries; a malformed mark makes the invite unknown', () => {
    const doc = bensDoc();
    expectOk(recordInvite(doc, invite()));
    const invites = doc.getMap<unknown>(INVITES_ROOT);
    const bad = (id: string, overrides: Record<string, unknown>) => {
      const map = new Y.Map<unknown>();
      invites.set(id, map);
      const fields = { createdBy: BEN, createdAt: minute(0), expiresAt: minute(WEEK) };
      for (const [key, value] of Object.entries({ ...fields, ...overrides })) map.set(key, value);
    };
    bad('b1', { createdBy: 'ben' });
    bad('b2', { createdAt: 5 });
    bad('b3', { expiresAt: null });
    bad('b4', { revokedAt: 'yes' });
    bad('b5', { used: ANA });
    bad('b6', { used: { by: ANA, at: 'today' } });
    bad('b7', { used: [ANA, minute(1)] });
    bad('bad id!', {});
    invites.set('b8', 'not a map');
    invites.set('b9', { createdBy: BEN, createdAt: minute(0), expiresAt: minute(WEEK) });
    expect(listInvites(doc)).toEqual([invite()]);
    for (const inviteId of ['b4', 'b5', 'b6', 'b8', 'b9']) {
      expect(inviteStanding(doc, { inviteId, personId: ANA, now: new Date(minute(1)) })).toBe(
        'unknown',
      );
      expectError(
        markInviteUsed(doc, { inviteId, personId: ANA, at: minute(1) }),
        'NOT_FOUND',
        'inviteId',
      );
    }
  });
});
