import * as Y from 'yjs';
import { rootMap } from '../docShape';
import type { WorkspaceResult } from '../errors';
import type { CreateInput } from '../model/commandInput';
import { compareStrings } from '../model/compareStrings';
import { entitiesOf, readString } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { checkText, TEXT_LIMITS } from '../text/checkText';

/** One person's reflection at the end of the mentoring. */
export interface WrapUp {
  id: string;
  personId: string;
  mostValuable: string;
  learned: string;
  couldImprove: string;
  writtenAt: string | undefined;
}

export interface WrapUpInput {
  mostValuable: string;
  learned: string;
  couldImprove: string;
}

/**
 * Write (or rewrite) one's own wrap-up: what was most valuable, what was learned, what could
 * improve. Both write theirs before the workspace is closed; `closeWorkspace` can take the
 * closer's own at the same time.
 *
 * @example
 *   writeWrapUp(doc, { by: 'p-mentee', mostValuable: '…', learned: '…', couldImprove: '…' });
 */
export function writeWrapUp(
  doc: Y.Doc,
  input: CreateInput & WrapUpInput,
): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  return writeWrapUpUnchecked(doc, { ...input, by: start.by, at: start.at });
}

/** The validation and write of {@link writeWrapUp}, for a caller that made the command checks. */
export function writeWrapUpUnchecked(
  doc: Y.Doc,
  input: WrapUpInput & { by: string; at: string; id?: string },
): WorkspaceResult<{ id: string }> {
  const fields = {} as Record<keyof WrapUpInput, string>;
  for (const field of ['mostValuable', 'learned', 'couldImprove'] as const) {
    const checked = checkText(input[field], { field, max: TEXT_LIMITS.short });
    if (!checked.ok) return checked;
    fields[field] = checked.value;
  }
  const wrapUps = rootMap(doc, 'wrapUps');
  const existing = entitiesOf(wrapUps).find(([, map]) => readString(map, 'personId') === input.by);
  let id: string;
  if (existing) {
    id = existing[0];
  } else {
    const fresh = resolveNewId(wrapUps, input.id);
    if (!fresh.ok) return fresh;
    id = fresh.id;
  }
  doc.transact(() => {
    let wrapUp = existing?.[1];
    if (!wrapUp) {
      wrapUp = new Y.Map<unknown>();
      wrapUps.set(id, wrapUp);
      wrapUp.set('personId', input.by);
    }
    for (const [field, value] of Object.entries(fields)) wrapUp.set(field, value);
    wrapUp.set('writtenAt', input.at);
  });
  return { ok: true, id };
}

/**
 * Each person's wrap-up (the latest, if one wrote theirs on two devices while apart).
 *
 * @example
 *   listWrapUps(doc).map((wrapUp) => wrapUp.personId);
 */
export function listWrapUps(doc: Y.Doc): WrapUp[] {
  const latest = new Map<string, WrapUp>();
  for (const [id, map] of entitiesOf(rootMap(doc, 'wrapUps'))) {
    const personId = readString(map, 'personId');
    if (personId === undefined) continue;
    const wrapUp: WrapUp = {
      id,
      personId,
      mostValuable: readString(map, 'mostValuable') ?? '',
      learned: readString(map, 'learned') ?? '',
      couldImprove: readString(map, 'couldImprove') ?? '',
      writtenAt: readString(map, 'writtenAt'),
    };
    const other = latest.get(personId);
    const later =
      !other ||
      (compareStrings(wrapUp.writtenAt ?? '', other.writtenAt ?? '') ||
        compareStrings(wrapUp.id, other.id)) > 0;
    if (later) latest.set(personId, wrapUp);
  }
  return [...latest.values()].sort((a, b) => compareStrings(a.personId, b.personId));
}
