import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { startCommand } from '../model/startCommand';
import { parseCadence } from '../time/cadence';
import { compareCalendarDates, isCalendarDate } from '../time/calendarDate';
import { CHANNELS, type AgreementTerms, type Channel } from './agreementTemplate';
import { isWithin, readAgreementTerms, TERM_LIMITS } from './agreementTerms';

/**
 * Change some of the agreement's terms; each term is its own field, so two people changing
 * different terms while apart keep both changes. `channels` sets the whole set; only the
 * channels that changed are written.
 *
 * @example
 *   updateAgreementTerms(doc, { by: 'p-mentor', meetingCadence: { every: 1, unit: 'week' } });
 */
export function updateAgreementTerms(
  doc: Y.Doc,
  input: CommandInput & Partial<AgreementTerms>,
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const invalid = validateTerms(input, readAgreementTerms(doc));
  if (invalid) return invalid;
  const map = rootMap(doc, 'agreement');
  const channelMap = rootMap(doc, 'agreementChannels');
  doc.transact(() => {
    if (input.meetingCadence) map.set('meetingCadence', { ...input.meetingCadence });
    if (input.checkInCadence) map.set('checkInCadence', { ...input.checkInCadence });
    for (const key of ['meetingMinutes', 'reviewEverySessions', 'responseTimeHours'] as const) {
      if (input[key] !== undefined) map.set(key, input[key]);
    }
    for (const key of ['termStart', 'termEnd'] as const) {
      if (input[key] !== undefined) map.set(key, input[key]);
    }
    if (input.channels) {
      const current = readAgreementTerms(doc).channels;
      for (const channel of CHANNELS) {
        const wanted = input.channels.includes(channel);
        if (wanted !== current.includes(channel) || !channelMap.has(channel)) {
          channelMap.set(channel, wanted);
        }
      }
    }
  });
  return { ok: true };
}

function validateTerms(
  input: Partial<AgreementTerms>,
  current: AgreementTerms,
): WorkspaceResult | undefined {
  if (input.meetingCadence !== undefined && !parseCadence(input.meetingCadence)) {
    return fail('INVALID_CADENCE', 'meetingCadence');
  }
  if (input.checkInCadence !== undefined && !parseCadence(input.checkInCadence)) {
    return fail('INVALID_CADENCE', 'checkInCadence');
  }
  for (const key of ['meetingMinutes', 'reviewEverySessions', 'responseTimeHours'] as const) {
    if (input[key] !== undefined && !isWithin(input[key], TERM_LIMITS[key])) {
      return fail('OUT_OF_RANGE', key);
    }
  }
  for (const key of ['termStart', 'termEnd'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null && !isCalendarDate(value)) {
      return fail('INVALID_DATE', key);
    }
  }
  const termStart = input.termStart !== undefined ? input.termStart : current.termStart;
  const termEnd = input.termEnd !== undefined ? input.termEnd : current.termEnd;
  if (termStart && termEnd && compareCalendarDates(termEnd, termStart) <= 0) {
    return fail('INVALID_RANGE', input.termEnd !== undefined ? 'termEnd' : 'termStart');
  }
  if (
    input.channels !== undefined &&
    (!Array.isArray(input.channels) ||
      !input.channels.every((channel: Channel) => CHANNELS.includes(channel)))
  ) {
    return fail('INVALID_VALUE', 'channels');
  }
  return undefined;
}
