import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAvailabilityWindow,
  addPerson,
  createWorkspace,
  partnerAvailability,
  registerDevice,
} from '$lib/workspace';
import { expectOk } from '../support/pairDoc';
import { keyText, minute, signatureText } from '../identity/ids';

const BEN = keyText(1);
const ANA = keyText(2);

function device(seed: number, personId: string, lastSeenAt: string) {
  return {
    deviceId: keyText(seed),
    personId,
    name: `Device ${seed}`,
    boxPublicKey: keyText(seed + 50),
    certificate: signatureText(seed),
    addedAt: minute(0),
    lastSeenAt,
  };
}

function bensPair(): Y.Doc {
  const doc = new Y.Doc();
  const creator = {
    personId: BEN,
    name: 'Ben',
    role: 'mentor',
    timeZone: 'Europe/Berlin',
  } as const;
  expectOk(createWorkspace(doc, { title: 'Pair', creator, at: new Date(minute(0)) }));
  expectOk(registerDevice(doc, device(11, BEN, minute(90))));
  return doc;
}

describe('partnerAvailability', () => {
  it('says there is no partner before one has joined', () => {
    expect(partnerAvailability(bensPair(), BEN)).toEqual({ kind: 'no-partner' });
  });

  it("tells a partner who stated nothing from one whose windows arrived, with their devices' newest time", () => {
    const doc = bensPair();
    expectOk(
      addPerson(doc, { personId: ANA, name: 'Ana', role: 'mentee', timeZone: 'Asia/Kathmandu' }),
    );
    expect(partnerAvailability(doc, BEN)).toEqual({
      kind: 'not-shared',
      partnerName: 'Ana',
      lastSeenAt: undefined,
    });
    expectOk(registerDevice(doc, device(12, ANA, minute(30))));
    expectOk(registerDevice(doc, device(13, ANA, minute(45))));
    expectOk(
      addAvailabilityWindow(doc, {
        by: ANA,
        kind: 'available',
        weekday: 2,
        start: '09:00',
        end: '11:00',
      }),
    );
    // Ben's own device (seen at minute 90) does not count as news from Ana.
    expect(partnerAvailability(doc, BEN)).toEqual({
      kind: 'shared',
      partnerName: 'Ana',
      lastSeenAt: minute(45),
    });
  });
});
