// The structured edits the benchmarks mix into the typing: what a mentoring pair changes
// besides free text. Half set a field of a goal (a nested Y.Map: created on first touch, then
// its status, progress or title changes), half insert an action item into a Y.Array. Planned
// as plain data from a seed, then applied, so every side of a comparison makes the same edits.
import * as Y from 'yjs';
import { createSeededRandom } from './seededRandom';

/** One planned structured edit. */
export type StructuredEdit =
  | {
      kind: 'goal-field';
      goal: string;
      field: 'status' | 'progress' | 'title';
      value: string | number;
    }
  | {
      kind: 'action-insert';
      /** Where to insert, as a fraction of the list's length (the list grows as edits land). */
      at: number;
      item: { id: string; text: string; done: boolean; due: string };
    };

const STATUSES = ['not started', 'on track', 'at risk', 'blocked', 'done'] as const;
const WORDS = ['draft', 'review', 'agenda', 'feedback', 'reading', 'practice', 'call', 'notes'];

/**
 * `count` structured edits drawn from `seed`.
 *
 * @example
 *   const edits = planStructuredEdits(200, 7);
 *   doc.transact(() => applyStructuredEdit(doc, edits[0]));
 */
export function planStructuredEdits(count: number, seed: number): StructuredEdit[] {
  const random = createSeededRandom(seed);
  const edits: StructuredEdit[] = [];
  for (let index = 0; index < count; index += 1) {
    if (index % 2 === 0) {
      const field = random.pick(['status', 'progress', 'title'] as const);
      const value =
        field === 'status'
          ? random.pick(STATUSES)
          : field === 'progress'
            ? random.int(0, 100)
            : `${random.pick(WORDS)} ${random.pick(WORDS)} ${random.int(1, 99)}`;
      edits.push({ kind: 'goal-field', goal: `goal-${random.int(1, 12)}`, field, value });
    } else {
      edits.push({
        kind: 'action-insert',
        at: random.next(),
        item: {
          id: `action-${index}`,
          text: `${random.pick(WORDS)} the ${random.pick(WORDS)} before ${random.pick(WORDS)}`,
          done: false,
          due: `2026-0${random.int(1, 9)}-${String(random.int(10, 28))}T09:00:00Z`,
        },
      });
    }
  }
  return edits;
}

/**
 * Applies one planned edit to `doc` (maps `goals` and array `actions`).
 *
 * @example
 *   applyStructuredEdit(doc, { kind: 'goal-field', goal: 'goal-1', field: 'progress', value: 40 });
 */
export function applyStructuredEdit(doc: Y.Doc, edit: StructuredEdit): void {
  if (edit.kind === 'goal-field') {
    const goals = doc.getMap<Y.Map<unknown>>('goals');
    let goal = goals.get(edit.goal);
    if (!goal) {
      goal = new Y.Map<unknown>();
      goals.set(edit.goal, goal);
    }
    goal.set(edit.field, edit.value);
    return;
  }
  const actions = doc.getArray<unknown>('actions');
  actions.insert(Math.floor(edit.at * (actions.length + 1)), [edit.item]);
}

/**
 * The structured part of `doc` as canonical JSON (keys sorted: replicas that converged may
 * still list map keys in different orders), to check that two docs hold the same edits.
 *
 * @example
 *   structuredState(reader) === structuredState(writer);
 */
export function structuredState(doc: Y.Doc): string {
  return JSON.stringify(
    sortKeys({ goals: doc.getMap('goals').toJSON(), actions: doc.getArray('actions').toJSON() }),
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => [key, sortKeys(inner)]),
  );
}
