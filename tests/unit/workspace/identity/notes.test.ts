import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNote,
  deleteNote,
  listNotes,
  noteBody,
  NOTES_ROOT,
  renameNote,
  touchNote,
} from '$lib/workspace';
import { expectError, expectOk, forkDoc, newDoc, syncDocs } from '../support/pairDoc';
import { minute } from './ids';

describe('addNote', () => {
  it('adds an empty note on a fresh doc (no workspace meta needed)', () => {
    const doc = newDoc(1);
    const added = expectOk(addNote(doc, { title: '  Questions  ', at: minute(0), noteId: 'n1' }));
    expect(added.noteId).toBe('n1');
    expect(listNotes(doc)).toEqual([
      { noteId: 'n1', title: 'Questions', createdAt: minute(0), updatedAt: minute(0) },
    ]);
    expect(noteBody(doc, 'n1')?.toString()).toBe('');
  });

  it('makes a random id when none is given', () => {
    const doc = newDoc(1);
    const first = expectOk(addNote(doc, { title: 'A', at: minute(0) }));
    const second = expectOk(addNote(doc, { title: 'B', at: minute(0) }));
    expect(first.noteId).not.toBe(second.noteId);
    expect(listNotes(doc)).toHaveLength(2);
  });

  it('refuses a bad title, instant or id', () => {
    const doc = newDoc(1);
    expectOk(addNote(doc, { title: 'A', at: minute(0), noteId: 'n1' }));
    expectError(addNote(doc, { title: ' ', at: minute(0) }), 'TITLE_REQUIRED', 'title');
    expectError(addNote(doc, { title: 'x'.repeat(201), at: minute(0) }), 'TEXT_TOO_LONG', 'title');
    expectError(addNote(doc, { title: 'B', at: 'today' }), 'INVALID_INSTANT', 'at');
    expectError(
      addNote(doc, { title: 'B', at: minute(0), noteId: 'n1' }),
      'DUPLICATE_ID',
      'noteId',
    );
    expectError(addNote(doc, { title: 'B', at: minute(0), noteId: '' }), 'INVALID_VALUE', 'noteId');
    expect(listNotes(doc)).toHaveLength(1);
  });
});

describe('renameNote and touchNote', () => {
  it('rename changes the title and moves updatedAt forward', () => {
    const doc = newDoc(1);
    expectOk(addNote(doc, { title: 'A', at: minute(5), noteId: 'n1' }));
    expectOk(renameNote(doc, { noteId: 'n1', title: 'B', at: minute(9) }));
    expect(listNotes(doc)[0]).toMatchObject({ title: 'B', updatedAt: minute(9) });
    expectOk(renameNote(doc, { noteId: 'n1', title: 'C', at: minute(1) }));
    expect(listNotes(doc)[0]).toMatchObject({ title: 'C', updatedAt: minute(9) });
  });

  it('touch moves updatedAt forward only', () => {
    const doc = newDoc(1);
    expectOk(addNote(doc, { title: 'A', at: minute(5), noteId: 'n1' }));
    expectOk(touchNote(doc, { noteId: 'n1', at: minute(7) }));
    expectOk(touchNote(doc, { noteId: 'n1', at: minute(6) }));
    expect(listNotes(doc)[0]?.updatedAt).toBe(minute(7));
  });

  it('refuses unknown notes and bad input', () => {
    const doc = newDoc(1);
    expectError(renameNote(doc, { noteId: 'n1', title: 'B', at: minute(1) }), 'NOT_FOUND');
    expectError(touchNote(doc, { noteId: 'n1', at: minute(1) }), 'NOT_FOUND', 'noteId');
    expectOk(addNote(doc, { title: 'A', at: minute(5), noteId: 'n1' }));
    expectError(renameNote(doc, { noteId: 'n1', title: '', at: minute(6) }), 'TITLE_REQUIRED');
    expectError(renameNote(doc, { noteId: 'n1', title: 'B', at: '' }), 'INVALID_INSTANT');
    expectError(touchNote(doc, { noteId: 'n1', at: 'x' }), 'INVALID_INSTANT', 'at');
    expect(listNotes(doc)[0]).toMatchObject({ title: 'A', updatedAt: minute(5) });
  });
});

describe('deleteNote and noteBody', () => {
  it('deletes a note and its body', () => {
    const doc = newDoc(1);
    expectOk(addNote(doc, { title: 'A', at: minute(0), noteId: 'n1' }));
    expectOk(deleteNote(doc, { noteId: 'n1' }));
    expect(listNotes(doc)).toEqual([]);
    expect(noteBody(doc, 'n1')).toBeUndefined();
    expectError(deleteNote(doc, { noteId: 'n1' }), 'NOT_FOUND', 'noteId');
  });

  it('merges body edits from two devices character by character', () => {
    const laptop = newDoc(1);
    expectOk(addNote(laptop, { title: 'A', at: minute(0), noteId: 'n1' }));
    noteBody(laptop, 'n1')?.insert(0, 'middle');
    const phone = forkDoc(laptop, 2);
    noteBody(laptop, 'n1')?.insert(0, 'start ');
    noteBody(phone, 'n1')?.insert(6, ' end');
    expectOk(touchNote(laptop, { noteId: 'n1', at: minute(3) }));
    expectOk(touchNote(phone, { noteId: 'n1', at: minute(4) }));
    syncDocs(laptop, phone);
    expect(noteBody(laptop, 'n1')?.toString()).toBe('start middle end');
    expect(noteBody(phone, 'n1')?.toString()).toBe('start middle end');
    expect(listNotes(laptop)).toEqual(listNotes(phone));
  });
});

describe('listNotes', () => {
  it('lists the most recently updated first, then by id', () => {
    const doc = newDoc(1);
    expectOk(addNote(doc, { title: 'old', at: minute(1), noteId: 'b' }));
    expectOk(addNote(doc, { title: 'new', at: minute(9), noteId: 'c' }));
    expectOk(addNote(doc, { title: 'old too', at: minute(1), noteId: 'a' }));
    expect(listNotes(doc).map((note) => note.noteId)).toEqual(['c', 'a', 'b']);
    expectOk(touchNote(doc, { noteId: 'b', at: minute(10) }));
    expect(listNotes(doc).map((note) => note.noteId)).toEqual(['b', 'c', 'a']);
  });

  it('skips notes it cannot read and defaults a bad title', () => {
    const doc = newDoc(1);
    expectOk(addNote(doc, { title: 'Fine', at: minute(0), noteId: 'ok' }));
    const notes = doc.getMap<unknown>(NOTES_ROOT);
    const bad = (id: string, fields: Record<string, unknown>) => {
      const map = new Y.Map<unknown>();
      notes.set(id, map);
      for (const [key, value] of Object.entries(fields)) map.set(key, value);
    };
    const good = { title: 'T', createdAt: minute(0), updatedAt: minute(0) };
    bad('no-body', good);
    bad('string-body', { ...good, body: 'text' });
    bad('bad-time', { ...good, updatedAt: 12, body: new Y.Text() });
    bad('bad-title', { ...good, title: 7, body: new Y.Text() });
    bad('long-title', { ...good, title: 'x'.repeat(201), body: new Y.Text() });
    notes.set('junk', 'not a map');
    expect(listNotes(doc).map((note) => [note.noteId, note.title])).toEqual([
      ['bad-title', ''],
      ['long-title', ''],
      ['ok', 'Fine'],
    ]);
    expect(noteBody(doc, 'string-body')).toBeUndefined();
    expect(noteBody(doc, 'junk')).toBeUndefined();
  });
});
