import type * as Y from 'yjs';
import { CHANNELS, DEFAULT_AGREEMENT_TERMS } from './agreement/agreementTemplate';
import { CURRENT_SCHEMA_VERSION, rootMap } from './docShape';
import { fail, type WorkspaceResult } from './errors';
import { resolveAt } from './model/commandInput';
import { writePerson, type AddPersonInput } from './people/addPerson';
import { schemaStanding } from './schemaVersion';
import { checkTitle } from './text/checkText';
import { addMonths, formatCalendarDate, parseCalendarDate } from './time/calendarDate';
import { isValidTimeZone } from './time/isValidTimeZone';
import { utcToLocal } from './time/utcToLocal';

export interface CreateWorkspaceInput {
  title: string;
  /** The person creating the pair (they join as the first of its two people). */
  creator: Omit<AddPersonInput, 'at'>;
  /** Term length from today; 6–12 months is typical. Default 6. */
  termMonths?: number;
  at?: Date;
}

/**
 * Make `doc` a new pair workspace: schema version, title, the creator, and an agreement with the
 * template's terms and a term starting today (creator's calendar). Its sections start empty: the
 * template's prompts are placeholders, never text the pair could sign unread. Only the creator's
 * device calls this; the partner's device receives it by sync and then `addPerson`s itself.
 *
 * @example
 *   createWorkspace(doc, { title: 'Ana & Ben', creator: { personId: 'p-ben', name: 'Ben',
 *     role: 'mentor', timeZone: 'Europe/Berlin' } });
 */
export function createWorkspace(doc: Y.Doc, input: CreateWorkspaceInput): WorkspaceResult {
  if (schemaStanding(doc) !== 'absent') return fail('ALREADY_INITIALISED');
  const at = resolveAt(input.at);
  if (!at.ok) return at;
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  const termMonths = input.termMonths ?? 6;
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > 36) {
    return fail('OUT_OF_RANGE', 'termMonths');
  }
  if (!isValidTimeZone(input.creator.timeZone)) return fail('INVALID_TIME_ZONE', 'timeZone');
  const today = utcToLocal(new Date(at.iso), input.creator.timeZone).date;
  const start = parseCalendarDate(today);
  if (!start) return fail('INVALID_DATE');
  let result: WorkspaceResult = { ok: true };
  doc.transact(() => {
    result = writePerson(doc, { ...input.creator, at: new Date(at.iso) });
    if (!result.ok) return;
    const meta = rootMap(doc, 'meta');
    meta.set('title', title.value);
    meta.set('createdAt', at.iso);
    meta.set('createdBy', input.creator.personId);
    const agreement = rootMap(doc, 'agreement');
    const defaults = DEFAULT_AGREEMENT_TERMS;
    agreement.set('meetingCadence', { ...defaults.meetingCadence });
    agreement.set('meetingMinutes', defaults.meetingMinutes);
    agreement.set('checkInCadence', { ...defaults.checkInCadence });
    agreement.set('reviewEverySessions', defaults.reviewEverySessions);
    agreement.set('responseTimeHours', defaults.responseTimeHours);
    agreement.set('termStart', today);
    agreement.set('termEnd', formatCalendarDate(addMonths(start, termMonths)));
    const channels = rootMap(doc, 'agreementChannels');
    for (const channel of CHANNELS) channels.set(channel, defaults.channels.includes(channel));
    // Last, so a reader never sees a versioned doc without its agreement (one transaction anyway).
    meta.set('schemaVersion', CURRENT_SCHEMA_VERSION);
  });
  return result;
}
