import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { compareStrings } from '../model/compareStrings';
import { entitiesOf } from '../model/readFields';
import { readAvailabilityWindow, type AvailabilityWindow } from './availabilityWindow';

/** One person's weekly windows, split by kind, sorted by weekday, start, id. */
export interface PersonAvailability {
  available: AvailabilityWindow[];
  quiet: AvailabilityWindow[];
}

/**
 * A person's availability windows and quiet hours.
 *
 * @example
 *   const { available, quiet } = listAvailability(doc, 'p-mentee');
 */
export function listAvailability(doc: Y.Doc, personId: string): PersonAvailability {
  const windows: AvailabilityWindow[] = [];
  for (const [id, map] of entitiesOf(rootMap(doc, 'availability'))) {
    const window = readAvailabilityWindow(id, map);
    if (window && window.personId === personId) windows.push(window);
  }
  windows.sort(
    (a, b) =>
      a.weekday - b.weekday || compareStrings(a.start, b.start) || compareStrings(a.id, b.id),
  );
  return {
    available: windows.filter((window) => window.kind === 'available'),
    quiet: windows.filter((window) => window.kind === 'quiet'),
  };
}
