import type * as Y from 'yjs';
import { listDevices } from '../devices';
import { compareStrings } from '../model/compareStrings';
import { partnerOf } from '../people/listPeople';
import { listAvailability } from './listAvailability';

/**
 * How much of the partner's week this device has, so an overlap is not presented as final
 * while their windows may not have arrived: no partner yet; a partner who has stated nothing;
 * or their windows, as of `lastSeenAt`.
 */
export type PartnerAvailability =
  | { kind: 'no-partner' }
  | { kind: 'not-shared' | 'shared'; partnerName: string; lastSeenAt: string | undefined };

/**
 * The partner's side of the pair's availability. `lastSeenAt` is the newest time any of the
 * partner's devices recorded itself in the doc (a device writes it when it opens the pair, at
 * most hourly): what this device has from them is at least that recent.
 *
 * @example
 *   partnerAvailability(doc, me.personId);
 *   // { kind: 'shared', partnerName: 'Ana', lastSeenAt: '2026-12-04T18:00:00.000Z' }
 */
export function partnerAvailability(doc: Y.Doc, viewerId: string): PartnerAvailability {
  const partner = partnerOf(doc, viewerId);
  if (!partner) return { kind: 'no-partner' };
  const windows = listAvailability(doc, partner.personId);
  const seen = listDevices(doc)
    .filter((device) => device.personId === partner.personId)
    .map((device) => device.lastSeenAt)
    // Normalised ISO instants: string order is time order.
    .sort(compareStrings)
    .at(-1);
  return {
    kind: windows.available.length + windows.quiet.length > 0 ? 'shared' : 'not-shared',
    partnerName: partner.name,
    lastSeenAt: seen,
  };
}
