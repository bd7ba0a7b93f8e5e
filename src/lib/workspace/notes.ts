import * as Y from 'yjs';
import { normaliseInstant } from './devices';
import { fail, type WorkspaceResult } from './errors';
import { compareStrings } from './model/compareStrings';
import { entitiesOf, entityOf, readString, readText } from './model/readFields';
import { resolveNewId } from './model/resolveNewId';
import { TEXT_LIMITS, checkTitle } from './text/checkText';

/*
 * Private notes of one person: a workspace of its own (same engine, same encryption as a pair)
 * whose only members are that person's own devices. Its doc holds just the root map `notes`,
 * noteId -> Y.Map { title, createdAt, updatedAt, body: Y.Text }; no `meta`, no schema version.
 * The body is created with its note, in one transaction by one author, so it is never replaced
 * by a concurrent copy; two devices editing it merge character by character.
 */

/** The root map's name in a notes doc. */
export const NOTES_ROOT = 'notes';

/** A note as a list shows it; the body is read and edited through {@link noteBody}. */
export interface NoteSummary {
  noteId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

function notesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(NOTES_ROOT);
}

/**
 * Add an empty note titled `title`; answers its id (`noteId`, or a random UUID).
 *
 * @example
 *   const added = addNote(doc, { title: 'Questions for Ben', at: now });
 *   if (added.ok) noteBody(doc, added.noteId)?.insert(0, 'Conference budget?');
 */
export function addNote(
  doc: Y.Doc,
  input: { title: string; at: string; noteId?: string },
): WorkspaceResult<{ noteId: string }> {
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  const at = normaliseInstant(input.at);
  if (!at) return fail('INVALID_INSTANT', 'at');
  const notes = notesMap(doc);
  const id = resolveNewId(notes, input.noteId);
  if (!id.ok) return fail(id.code, 'noteId');
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    notes.set(id.id, note);
    note.set('title', title.value);
    note.set('createdAt', at);
    note.set('updatedAt', at);
    note.set('body', new Y.Text());
  });
  return { ok: true, noteId: id.id };
}

/**
 * Rename a note; also moves `updatedAt` forward.
 *
 * @example
 *   renameNote(doc, { noteId, title: 'Before the review', at: now });
 */
export function renameNote(
  doc: Y.Doc,
  input: { noteId: string; title: string; at: string },
): WorkspaceResult {
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  const at = normaliseInstant(input.at);
  if (!at) return fail('INVALID_INSTANT', 'at');
  const note = entityOf(notesMap(doc), input.noteId);
  if (!note) return fail('NOT_FOUND', 'noteId');
  doc.transact(() => {
    note.set('title', title.value);
    moveUpdatedAt(note, at);
  });
  return { ok: true };
}

/**
 * A note's body, a Y.Text to bind to a shared textarea; `undefined` for an unknown note. Call
 * {@link touchNote} when the person edits it, so the list order follows.
 *
 * @example
 *   const body = noteBody(doc, noteId); body?.toString();
 */
export function noteBody(doc: Y.Doc, noteId: string): Y.Text | undefined {
  const note = entityOf(notesMap(doc), noteId);
  return note ? readText(note, 'body') : undefined;
}

/**
 * Delete a note and its body. A concurrent edit of the body on another device is lost with it.
 *
 * @example
 *   deleteNote(doc, { noteId }); // { ok: true }
 */
export function deleteNote(doc: Y.Doc, input: { noteId: string }): WorkspaceResult {
  const notes = notesMap(doc);
  if (!entityOf(notes, input.noteId)) return fail('NOT_FOUND', 'noteId');
  notes.delete(input.noteId);
  return { ok: true };
}

/**
 * Every readable note, most recently updated first. A note needs its body and valid instants; a
 * malformed or over-long title reads as empty.
 *
 * @example
 *   listNotes(doc).map((note) => note.title);
 */
export function listNotes(doc: Y.Doc): NoteSummary[] {
  const notes: NoteSummary[] = [];
  for (const [noteId, map] of entitiesOf(notesMap(doc))) {
    const createdAt = normaliseInstant(map.get('createdAt'));
    const updatedAt = normaliseInstant(map.get('updatedAt'));
    if (!createdAt || !updatedAt || !readText(map, 'body')) continue;
    const title = readString(map, 'title') ?? '';
    notes.push({
      noteId,
      title: title.length > TEXT_LIMITS.title ? '' : title,
      createdAt,
      updatedAt,
    });
  }
  return notes.sort(
    (a, b) => compareStrings(b.updatedAt, a.updatedAt) || compareStrings(a.noteId, b.noteId),
  );
}

/**
 * Record that a note was edited at `at`; only ever moves `updatedAt` forward.
 *
 * @example
 *   touchNote(doc, { noteId, at: new Date().toISOString() });
 */
export function touchNote(doc: Y.Doc, input: { noteId: string; at: string }): WorkspaceResult {
  const at = normaliseInstant(input.at);
  if (!at) return fail('INVALID_INSTANT', 'at');
  const note = entityOf(notesMap(doc), input.noteId);
  if (!note) return fail('NOT_FOUND', 'noteId');
  moveUpdatedAt(note, at);
  return { ok: true };
}

function moveUpdatedAt(note: Y.Map<unknown>, at: string): void {
  const current = normaliseInstant(note.get('updatedAt'));
  if (!current || current < at) note.set('updatedAt', at);
}
