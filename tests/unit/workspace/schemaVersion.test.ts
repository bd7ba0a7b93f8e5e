// `meta.schemaVersion` is written by members like any other field. The attack: a member (Ana's
// device) sets it to a value of its choosing, the other side (Ben's device) receives it, and Ben
// must still be able to remove Ana's device, rotate the key, revoke an invite and keep his own
// device registered. Content edits follow the rule in schemaVersion.ts: read-only only for the
// next version, edited as the current one for any value no release wrote.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addGoal,
  addPerson,
  checkWritable,
  CURRENT_SCHEMA_VERSION,
  createWorkspace,
  findDevice,
  findRotation,
  isDocFromNewerVersion,
  listInvites,
  markDeviceRemoved,
  markInviteUsed,
  recordInvite,
  recordRotation,
  registerDevice,
  retractRotation,
  revokeInvite,
  schemaStanding,
  touchDevice,
  type SchemaStanding,
} from '$lib/workspace';
import { expectError, expectOk, forkDoc, newDoc, syncDocs } from './support/pairDoc';
import { envelopeText, keyText, minute, signatureText } from './identity/ids';

const BEN = keyText(2);
const ANA = keyText(1);
const CARL = keyText(3);
const BEN_LAPTOP = keyText(11);
const ANA_PHONE = keyText(12);

/** Ben's pair with Ana, both devices registered and two open invites; as Ben's device holds it. */
function bensPair(): Y.Doc {
  const doc = newDoc(1);
  expectOk(
    createWorkspace(doc, {
      title: 'Ana & Ben',
      creator: { personId: BEN, name: 'Ben', role: 'mentor', timeZone: 'Europe/Berlin' },
      at: new Date(minute(0)),
    }),
  );
  expectOk(addPerson(doc, { personId: ANA, name: 'Ana', role: 'mentee', timeZone: 'UTC' }));
  for (const [deviceId, personId, seed] of [
    [BEN_LAPTOP, BEN, 21],
    [ANA_PHONE, ANA, 22],
  ] as const) {
    expectOk(
      registerDevice(doc, {
        deviceId,
        personId,
        name: 'Device',
        boxPublicKey: keyText(seed),
        certificate: signatureText(seed),
        addedAt: minute(1),
        lastSeenAt: minute(1),
      }),
    );
  }
  for (const inviteId of ['revoke-me', 'use-me']) {
    expectOk(
      recordInvite(doc, { inviteId, createdBy: BEN, createdAt: minute(2), expiresAt: minute(999) }),
    );
  }
  return doc;
}

/** Ana's device writes `value` as the schema version (or deletes it); Ben's receives it. */
function attackedBy(write: (meta: Y.Map<unknown>) => void): Y.Doc {
  const ben = bensPair();
  const ana = forkDoc(ben, 2);
  write(ana.getMap<unknown>('meta'));
  syncDocs(ben, ana);
  return ben;
}

const HOSTILE: ReadonlyArray<
  [string, (meta: Y.Map<unknown>) => void, SchemaStanding, 'ok' | 'NEWER_SCHEMA']
> = [
  ['2**31', (meta) => meta.set('schemaVersion', 2 ** 31), 'unrecognised', 'ok'],
  [
    'two steps ahead',
    (meta) => meta.set('schemaVersion', CURRENT_SCHEMA_VERSION + 2),
    'unrecognised',
    'ok',
  ],
  ['a string', (meta) => meta.set('schemaVersion', 'x'), 'unrecognised', 'ok'],
  ['null', (meta) => meta.set('schemaVersion', null), 'unrecognised', 'ok'],
  ['zero', (meta) => meta.set('schemaVersion', 0), 'unrecognised', 'ok'],
  ['a fraction', (meta) => meta.set('schemaVersion', 1.5), 'unrecognised', 'ok'],
  ['deleted', (meta) => meta.delete('schemaVersion'), 'unrecognised', 'ok'],
  [
    'one step ahead',
    (meta) => meta.set('schemaVersion', CURRENT_SCHEMA_VERSION + 1),
    'next',
    'NEWER_SCHEMA',
  ],
];

describe.each(HOSTILE)(
  'a member sets the schema version to %s',
  (_label, write, standing, content) => {
    it(`reads as ${standing}`, () => {
      const doc = attackedBy(write);
      expect(schemaStanding(doc)).toBe(standing);
      expect(isDocFromNewerVersion(doc)).toBe(standing === 'next');
    });

    it('still lets the other side remove the device and record and withdraw a rotation', () => {
      const doc = attackedBy(write);
      expectOk(markDeviceRemoved(doc, { deviceId: ANA_PHONE, at: minute(10) }));
      expect(findDevice(doc, ANA_PHONE)?.removedAt).toBe(minute(10));
      const record = {
        epoch: 1,
        byDeviceId: BEN_LAPTOP,
        at: minute(10),
        reason: 'person-left' as const,
        removedDeviceIds: [ANA_PHONE],
        removedPersonIds: [ANA],
        envelopes: { [BEN_LAPTOP]: envelopeText(1) },
      };
      expectOk(recordRotation(doc, record));
      expect(findRotation(doc, 1)).toEqual(record);
      expectOk(retractRotation(doc, { epoch: 1, byDeviceId: BEN_LAPTOP }));
      expect(findRotation(doc, 1)).toBeUndefined();
    });

    it('still lets the other side revoke an invite, and a joiner use one', () => {
      const doc = attackedBy(write);
      expectOk(revokeInvite(doc, { inviteId: 'revoke-me', at: minute(10) }));
      expectOk(markInviteUsed(doc, { inviteId: 'use-me', personId: CARL, at: minute(10) }));
      expect(
        listInvites(doc).map(({ inviteId, revokedAt, usedBy }) => [inviteId, revokedAt, usedBy]),
      ).toEqual([
        ['revoke-me', minute(10), undefined],
        ['use-me', undefined, CARL],
      ]);
    });

    it('still lets a device keep its own entry fresh', () => {
      const doc = attackedBy(write);
      expectOk(touchDevice(doc, { deviceId: BEN_LAPTOP, at: minute(10) }));
      expectOk(
        registerDevice(doc, {
          deviceId: BEN_LAPTOP,
          personId: BEN,
          name: 'Laptop',
          boxPublicKey: keyText(21),
          certificate: signatureText(21),
          addedAt: minute(1),
          lastSeenAt: minute(11),
        }),
      );
      expect(findDevice(doc, BEN_LAPTOP)).toMatchObject({ name: 'Laptop', lastSeenAt: minute(11) });
    });

    it(
      content === 'ok' ? 'edits content as the current version' : 'holds content edits back',
      () => {
        const doc = attackedBy(write);
        const added = addGoal(doc, { by: BEN, title: 'Goal' });
        if (content === 'ok') {
          expectOk(checkWritable(doc));
          expectOk(added);
        } else {
          expectError(checkWritable(doc), content);
          expectError(added, content);
        }
      },
    );
  },
);

describe('schemaStanding', () => {
  it('is absent before a workspace arrives, known for this version and older ones', () => {
    expect(schemaStanding(new Y.Doc())).toBe('absent');
    expectError(checkWritable(new Y.Doc()), 'NOT_INITIALISED');
    expect(schemaStanding(bensPair())).toBe('known');
    expect(schemaStanding(bensPair(), CURRENT_SCHEMA_VERSION + 1)).toBe('known');
  });
});
