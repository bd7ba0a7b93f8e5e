import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CreateInput } from '../model/commandInput';
import { compareStrings } from '../model/compareStrings';
import { entitiesOf, readNumber, readString } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import { parseInstant } from '../time/parseInstant';
import { isScore, type CheckIn } from './checkIn';

/**
 * Send a check-in: how one is (mood), workload, blockers, a note. Any time, by either person.
 *
 * @example
 *   addCheckIn(doc, { by: 'p-mentee', mood: 2, workload: 5, blockers: 'Visa paperwork' });
 */
export function addCheckIn(
  doc: Y.Doc,
  input: CreateInput & { mood: number; workload: number; blockers?: string; note?: string },
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  if (!isScore(input.mood)) return fail('OUT_OF_RANGE', 'mood');
  if (!isScore(input.workload)) return fail('OUT_OF_RANGE', 'workload');
  const blockers = checkText(input.blockers ?? '', { field: 'blockers', max: TEXT_LIMITS.short });
  if (!blockers.ok) return blockers;
  const note = checkText(input.note ?? '', { field: 'note', max: TEXT_LIMITS.short });
  if (!note.ok) return note;
  const checkIns = rootMap(doc, 'checkIns');
  const id = resolveNewId(checkIns, input.id);
  if (!id.ok) return id;
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    checkIns.set(id.id, entry);
    entry.set('personId', start.by);
    entry.set('at', start.at);
    entry.set('mood', input.mood);
    entry.set('workload', input.workload);
    entry.set('blockers', blockers.value);
    entry.set('note', note.value);
  });
  return { ok: true, id: id.id };
}

/**
 * Check-ins, oldest first; `personId` keeps one person's.
 *
 * @example
 *   listCheckIns(doc, { personId: menteeId }).at(-1);
 */
export function listCheckIns(doc: Y.Doc, filter: { personId?: string } = {}): CheckIn[] {
  const entries: CheckIn[] = [];
  for (const [id, map] of entitiesOf(rootMap(doc, 'checkIns'))) {
    const personId = readString(map, 'personId');
    const at = parseInstant(readString(map, 'at'));
    const mood = readNumber(map, 'mood');
    const workload = readNumber(map, 'workload');
    if (personId === undefined || !at || !isScore(mood) || !isScore(workload)) continue;
    if (filter.personId !== undefined && personId !== filter.personId) continue;
    entries.push({
      id,
      personId,
      at: at.toISOString(),
      mood,
      workload,
      blockers: readString(map, 'blockers') ?? '',
      note: readString(map, 'note') ?? '',
    });
  }
  return entries.sort((a, b) => compareStrings(a.at, b.at) || compareStrings(a.id, b.id));
}
