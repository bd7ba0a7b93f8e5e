import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { entityOf } from '../model/readFields';
import { startCommand } from '../model/startCommand';
import { checkTitle } from '../text/checkText';
import { canonicalTimeZone } from '../time/canonicalTimeZone';
import { isValidTimeZone } from '../time/isValidTimeZone';

/**
 * Change one's own name or time zone (each person owns their profile).
 *
 * @example
 *   updatePerson(doc, { by: 'p-mentor', timeZone: 'America/New_York' });
 */
export function updatePerson(
  doc: Y.Doc,
  input: CommandInput & { name?: string; timeZone?: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const name = input.name === undefined ? undefined : checkTitle(input.name, 'name');
  if (name && !name.ok) return name;
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    return fail('INVALID_TIME_ZONE', 'timeZone');
  }
  const person = entityOf(rootMap(doc, 'people'), start.by);
  if (!person) return fail('NOT_FOUND');
  doc.transact(() => {
    if (name) person.set('name', name.value);
    if (input.timeZone !== undefined) person.set('timeZone', canonicalTimeZone(input.timeZone));
  });
  return { ok: true };
}
