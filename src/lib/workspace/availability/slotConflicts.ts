import type * as Y from 'yjs';
import { listPeople } from '../people/listPeople';
import { expandWeeklyWindows } from './expandWeeklyWindows';
import { intersectIntervals, subtractIntervals } from './intervals';
import { listAvailability } from './listAvailability';

/** Why a proposed time does not suit one person. */
export interface SlotConflict {
  personId: string;
  /** Part of the slot falls in their quiet hours. */
  quietHours: boolean;
  /** They stated availability windows and part of the slot lies outside them. */
  outsideAvailability: boolean;
}

/**
 * Which people a proposed session time would bother, for a warning while scheduling (it does
 * not forbid the time: the pair may agree on an exception).
 *
 * @example
 *   slotConflicts(doc, { startsAt: new Date('2024-03-25T21:00:00Z'), durationMinutes: 60 });
 *   // [{ personId: 'p-mentee', quietHours: true, outsideAvailability: false }]
 */
export function slotConflicts(
  doc: Y.Doc,
  input: { startsAt: Date; durationMinutes: number },
): SlotConflict[] {
  const slot = {
    start: input.startsAt.getTime(),
    end: input.startsAt.getTime() + input.durationMinutes * 60_000,
  };
  const conflicts: SlotConflict[] = [];
  for (const person of listPeople(doc)) {
    const { available, quiet } = listAvailability(doc, person.personId);
    const zone = person.timeZone;
    const quietSpans = expandWeeklyWindows({ windows: quiet, timeZone: zone, range: slot });
    const quietHours = intersectIntervals([slot], quietSpans).length > 0;
    const availableSpans = expandWeeklyWindows({ windows: available, timeZone: zone, range: slot });
    const outsideAvailability =
      available.length > 0 && subtractIntervals([slot], availableSpans).length > 0;
    if (quietHours || outsideAvailability) {
      conflicts.push({ personId: person.personId, quietHours, outsideAvailability });
    }
  }
  return conflicts;
}
