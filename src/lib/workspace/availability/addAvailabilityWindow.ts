import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput, CreateInput } from '../model/commandInput';
import { entityOf, readString } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { isWallTime } from '../time/wallTime';
import {
  isIsoWeekday,
  WINDOW_KINDS,
  type WeeklyWindow,
  type WindowKind,
} from './availabilityWindow';

/**
 * Add a weekly window to one's own availability (`available`) or quiet hours (`quiet`), on
 * one's own wall clock.
 *
 * @example
 *   addAvailabilityWindow(doc, { by: 'p-mentee', kind: 'quiet', weekday: 5, start: '22:00', end: '07:00' });
 */
export function addAvailabilityWindow(
  doc: Y.Doc,
  input: CreateInput & WeeklyWindow & { kind: WindowKind },
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  if (!(WINDOW_KINDS as readonly string[]).includes(input.kind))
    return fail('INVALID_VALUE', 'kind');
  if (!isIsoWeekday(input.weekday)) return fail('INVALID_VALUE', 'weekday');
  if (!isWallTime(input.start)) return fail('INVALID_TIME', 'start');
  if (!isWallTime(input.end)) return fail('INVALID_TIME', 'end');
  const windows = rootMap(doc, 'availability');
  const id = resolveNewId(windows, input.id);
  if (!id.ok) return id;
  doc.transact(() => {
    const window = new Y.Map<unknown>();
    windows.set(id.id, window);
    window.set('personId', start.by);
    window.set('kind', input.kind);
    window.set('weekday', input.weekday);
    window.set('start', input.start);
    window.set('end', input.end);
  });
  return { ok: true, id: id.id };
}

/**
 * Remove one of one's own windows.
 *
 * @example
 *   removeAvailabilityWindow(doc, { by: 'p-mentee', windowId });
 */
export function removeAvailabilityWindow(
  doc: Y.Doc,
  input: CommandInput & { windowId: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const windows = rootMap(doc, 'availability');
  const window = entityOf(windows, input.windowId);
  if (!window) return fail('NOT_FOUND', 'windowId');
  if (readString(window, 'personId') !== start.by) return fail('NOT_ALLOWED');
  doc.transact(() => windows.delete(input.windowId));
  return { ok: true };
}
