import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { entityOf, readText } from '../model/readFields';
import { startCommand } from '../model/startCommand';
import { applyTextChange } from '../text/applyTextChange';
import { checkText, TEXT_LIMITS } from '../text/checkText';

/**
 * The shared notes of a session, for a collaborative editor to bind to (read-only once the
 * workspace is closed); `undefined` if there is no such session.
 *
 * @example
 *   sessionNotesText(doc, sessionId)?.observe(render);
 */
export function sessionNotesText(doc: Y.Doc, sessionId: string): Y.Text | undefined {
  const session = entityOf(rootMap(doc, 'sessions'), sessionId);
  return session ? readText(session, 'notes') : undefined;
}

/**
 * Set a session's notes to `text` as the smallest edit, so both people typing in the notes at
 * once, or while apart, keep every character.
 *
 * @example
 *   setSessionNotes(doc, { by: 'p-mentor', sessionId, text: textarea.value });
 */
export function setSessionNotes(
  doc: Y.Doc,
  input: CommandInput & { sessionId: string; text: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const session = entityOf(rootMap(doc, 'sessions'), input.sessionId);
  if (!session) return fail('NOT_FOUND', 'sessionId');
  const text = checkText(input.text, { field: 'text', max: TEXT_LIMITS.long });
  if (!text.ok) return text;
  doc.transact(() => {
    let notes = readText(session, 'notes');
    if (!notes) {
      notes = new Y.Text();
      session.set('notes', notes);
    }
    applyTextChange(notes, text.value);
  });
  return { ok: true };
}
