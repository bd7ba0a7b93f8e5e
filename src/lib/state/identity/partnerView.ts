// Who the partner is, as this device sees it, and whether their key is the one the person
// acknowledged. Trust on first use: the first partner key seen is remembered; a person in the
// pair with a key never acknowledged (a reinstall without a backup, or someone else) clears the
// verified mark until the person compares the new safety code.
import type { PartnerTrust } from '$lib/store';
import type { Person } from '$lib/workspace';

/** The partner as this device sees them. */
export interface PartnerView {
  partner: Person | undefined;
  verified: boolean;
  /** Someone joined the pair under a key this device never acknowledged. */
  keyChanged: boolean;
}

/**
 * The partner among `others` (everyone in the pair but me) in the light of `trust`.
 *
 * @example
 *   assessPartner({ others: listPeople(doc).filter((p) => p.personId !== me), trust });
 */
export function assessPartner(input: {
  others: readonly Person[];
  trust: PartnerTrust | undefined;
}): PartnerView {
  const { others, trust } = input;
  if (!trust) return { partner: others[0], verified: false, keyChanged: false };
  const unknown = others.find((person) => !trust.seen.includes(person.personId));
  if (unknown) return { partner: unknown, verified: false, keyChanged: true };
  const partner = others.find((person) => person.personId === trust.partnerPersonId) ?? others[0];
  return {
    partner,
    verified: trust.verified && partner?.personId === trust.partnerPersonId,
    keyChanged: false,
  };
}
