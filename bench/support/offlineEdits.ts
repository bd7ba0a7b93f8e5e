// Edits a device makes while offline, for reconnect-bytes: typing into the shared notes (words
// character by character, a backspace now and then, the cursor jumping elsewhere from time to
// time) with one in ten edits structured (a goal field, an action item). Planned from a seed
// as plain data, so each run makes the same edits; no trace needed.
import type * as Y from 'yjs';
import { createSeededRandom } from './seededRandom';
import { applyStructuredEdit, planStructuredEdits, type StructuredEdit } from './structuredEdits';

/** One planned edit. */
export type OfflineEdit =
  | { kind: 'type'; char: string; jumpTo?: number }
  | { kind: 'backspace' }
  | { kind: 'structured'; edit: StructuredEdit };

const WORDS = (
  'mentee goal agenda progress feedback the and to review plan practice interview next week ' +
  'session notes ask about career we'
).split(' ');

/**
 * `count` edits drawn from `seed`.
 *
 * @example
 *   const edits = planOfflineEdits(500, 11);
 */
export function planOfflineEdits(count: number, seed: number): OfflineEdit[] {
  const random = createSeededRandom(seed);
  const structured = planStructuredEdits(count, seed + 1);
  const edits: OfflineEdit[] = [];
  let pending = '';
  for (let index = 0; index < count; index += 1) {
    const roll = random.next();
    const edit = structured[index];
    if (roll < 0.1 && edit) {
      edits.push({ kind: 'structured', edit });
      continue;
    }
    if (roll < 0.15) {
      edits.push({ kind: 'backspace' });
      continue;
    }
    if (pending.length === 0) pending = `${random.pick(WORDS)} `;
    const char = pending[0] ?? ' ';
    pending = pending.slice(1);
    edits.push(
      roll < 0.18 ? { kind: 'type', char, jumpTo: random.next() } : { kind: 'type', char },
    );
  }
  return edits;
}

/**
 * Someone typing into `doc`'s text `textName` at their own cursor; `apply` makes one edit.
 *
 * @example
 *   const typist = createTypist(doc, 'notes');
 *   for (const edit of edits) doc.transact(() => typist.apply(edit));
 */
export function createTypist(doc: Y.Doc, textName: string): { apply(edit: OfflineEdit): void } {
  const text = doc.getText(textName);
  let cursor = text.length;
  return {
    apply(edit) {
      if (edit.kind === 'structured') return applyStructuredEdit(doc, edit.edit);
      cursor = Math.min(cursor, text.length);
      if (edit.kind === 'backspace') {
        if (cursor > 0) text.delete((cursor -= 1), 1);
        return;
      }
      if (edit.jumpTo !== undefined) cursor = Math.floor(edit.jumpTo * text.length);
      text.insert(cursor, edit.char);
      cursor += 1;
    },
  };
}
