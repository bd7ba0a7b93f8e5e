import type * as Y from 'yjs';
import { rootMap } from '../docShape';
import type { WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { startCommand } from '../model/startCommand';
import { listPeople } from '../people/listPeople';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import { listWrapUps, writeWrapUpUnchecked, type WrapUpInput } from './wrapUps';

/**
 * Propose to close: the term ended or one person wants to end the mentoring. The workspace stays
 * writable so both can write their wrap-ups; `withdrawClosureRequest` takes it back.
 *
 * @example
 *   requestClosure(doc, { by: 'p-mentee', reason: 'New job, less time' });
 */
export function requestClosure(
  doc: Y.Doc,
  input: CommandInput & { reason?: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const reason = checkText(input.reason ?? '', { field: 'reason', max: TEXT_LIMITS.short });
  if (!reason.ok) return reason;
  const closure = rootMap(doc, 'closure');
  doc.transact(() => {
    closure.set('requestedBy', start.by);
    closure.set('requestedAt', start.at);
    closure.set('reason', reason.value);
  });
  return { ok: true };
}

/**
 * Take back a closure request (either person may).
 *
 * @example
 *   withdrawClosureRequest(doc, { by: 'p-mentee' });
 */
export function withdrawClosureRequest(doc: Y.Doc, input: CommandInput): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const closure = rootMap(doc, 'closure');
  doc.transact(() => {
    closure.delete('requestedBy');
    closure.delete('requestedAt');
    closure.delete('reason');
  });
  return { ok: true };
}

/**
 * Close the workspace for good: from then on every command answers `WORKSPACE_CLOSED`, while
 * queries and exports still work. Either person may close (the agreement says how); the
 * closer's wrap-up can come with it. Answers whose wrap-up is still missing.
 *
 * @example
 *   closeWorkspace(doc, { by: 'p-mentor', wrapUp: { mostValuable: '…', learned: '…', couldImprove: '…' } });
 *   // { ok: true, missingWrapUps: ['p-mentee'] }
 */
export function closeWorkspace(
  doc: Y.Doc,
  input: CommandInput & { reason?: string; wrapUp?: WrapUpInput },
): WorkspaceResult<{ missingWrapUps: string[] }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const reason =
    input.reason === undefined
      ? undefined
      : checkText(input.reason, { field: 'reason', max: TEXT_LIMITS.short });
  if (reason && !reason.ok) return reason;
  let failure: WorkspaceResult | undefined;
  doc.transact(() => {
    if (input.wrapUp) {
      const written = writeWrapUpUnchecked(doc, { ...input.wrapUp, by: start.by, at: start.at });
      if (!written.ok) {
        failure = written;
        return;
      }
    }
    const closure = rootMap(doc, 'closure');
    if (reason) closure.set('reason', reason.value);
    closure.set('closedBy', start.by);
    closure.set('closedAt', start.at);
  });
  if (failure && !failure.ok) return failure;
  const written = new Set(listWrapUps(doc).map((wrapUp) => wrapUp.personId));
  const missingWrapUps = listPeople(doc)
    .map((person) => person.personId)
    .filter((personId) => !written.has(personId));
  return { ok: true, missingWrapUps };
}
