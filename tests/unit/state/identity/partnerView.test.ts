// assessPartner: trust on first use, the verified mark, and a partner key never acknowledged.
import { describe, expect, it } from 'vitest';
import { assessPartner } from '$lib/state/identity/partnerView';
import type { Person } from '$lib/workspace';

const person = (personId: string, name: string): Person => ({
  personId,
  name,
  role: 'mentee',
  timeZone: 'Europe/Lisbon',
  joinedAt: '2025-01-06T09:00:00.000Z',
});

const ines = person('I'.repeat(43), 'Inês');
const impostor = person('X'.repeat(43), 'Inês');

describe('assessPartner', () => {
  it('shows the first partner seen, unverified and unchanged, before any trust is stored', () => {
    expect(assessPartner({ others: [ines], trust: undefined })).toEqual({
      partner: ines,
      verified: false,
      keyChanged: false,
    });
  });

  it('shows nobody before the partner has joined', () => {
    expect(assessPartner({ others: [], trust: undefined })).toEqual({
      partner: undefined,
      verified: false,
      keyChanged: false,
    });
  });

  it('keeps the first key it saw (trust on first use) without calling it verified', () => {
    const trust = { partnerPersonId: ines.personId, verified: false, seen: [ines.personId] };
    expect(assessPartner({ others: [ines], trust })).toEqual({
      partner: ines,
      verified: false,
      keyChanged: false,
    });
  });

  it('shows verified once the person compared safety codes for this key', () => {
    const trust = { partnerPersonId: ines.personId, verified: true, seen: [ines.personId] };
    expect(assessPartner({ others: [ines], trust })).toEqual({
      partner: ines,
      verified: true,
      keyChanged: false,
    });
  });

  it('flags a new, unacknowledged key and drops the verified mark', () => {
    const trust = { partnerPersonId: ines.personId, verified: true, seen: [ines.personId] };
    // Same name, another key: a reinstall without a backup, or someone else.
    expect(assessPartner({ others: [impostor], trust })).toEqual({
      partner: impostor,
      verified: false,
      keyChanged: true,
    });
    expect(assessPartner({ others: [ines, impostor], trust })).toEqual({
      partner: impostor,
      verified: false,
      keyChanged: true,
    });
  });

  it('clears the warning once the new key is acknowledged, unverified until compared', () => {
    const acknowledged = {
      partnerPersonId: impostor.personId,
      verified: false,
      seen: [ines.personId, impostor.personId],
    };
    expect(assessPartner({ others: [impostor], trust: acknowledged })).toEqual({
      partner: impostor,
      verified: false,
      keyChanged: false,
    });
    const compared = { ...acknowledged, verified: true };
    expect(assessPartner({ others: [impostor], trust: compared })).toEqual({
      partner: impostor,
      verified: true,
      keyChanged: false,
    });
  });

  it('does not carry a verified mark over to another acknowledged person', () => {
    // Both keys acknowledged, but the verified one is not in the pair any more.
    const trust = {
      partnerPersonId: ines.personId,
      verified: true,
      seen: [ines.personId, impostor.personId],
    };
    expect(assessPartner({ others: [impostor], trust })).toEqual({
      partner: impostor,
      verified: false,
      keyChanged: false,
    });
  });
});
