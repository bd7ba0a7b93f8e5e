import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaTopic,
  addGoal,
  addMilestone,
  listAgendaTopics,
  listGoals,
  listMilestones,
  readSession,
  scheduleSession,
  setSessionNotes,
  updateGoal,
} from '$lib/workspace';
import { createPairDoc, expectOk, forkDoc, MENTEE, MENTOR } from './support/pairDoc';

type Op =
  | { kind: 'topic' }
  | { kind: 'milestone' }
  | { kind: 'notes'; position: number }
  | { kind: 'title' }
  | { kind: 'metric' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'topic' as const }),
  fc.constant({ kind: 'milestone' as const }),
  fc.record({ kind: fc.constant('notes' as const), position: fc.nat({ max: 1000 }) }),
  fc.constant({ kind: 'title' as const }),
  fc.constant({ kind: 'metric' as const }),
);

/** One device: its doc, the updates it produced, and the unique marks it wrote. */
interface Device {
  doc: Y.Doc;
  by: string;
  updates: Uint8Array[];
  marks: string[];
}

function apply(device: Device, step: Op, n: number): void {
  const mark = `<${device.by}:${n}>`;
  const { doc, by } = device;
  switch (step.kind) {
    case 'topic':
      expectOk(addAgendaTopic(doc, { by, id: `t-${by}-${n}`, sessionId: 's', text: mark }));
      device.marks.push(mark);
      break;
    case 'milestone':
      expectOk(
        addMilestone(doc, { by, id: `m-${by}-${n}`, goalId: 'g', title: mark, index: n % 3 }),
      );
      break;
    case 'notes': {
      const notes = readSession(doc, 's')?.notes ?? '';
      // Insert only at mark boundaries, so one person never splits the other's mark.
      const cuts = [0, ...[...notes.matchAll(/>/g)].map((match) => (match.index ?? 0) + 1)];
      const at = cuts[step.position % cuts.length] ?? 0;
      expectOk(
        setSessionNotes(doc, {
          by,
          sessionId: 's',
          text: notes.slice(0, at) + mark + notes.slice(at),
        }),
      );
      device.marks.push(mark);
      break;
    }
    case 'title':
      expectOk(updateGoal(doc, { by, goalId: 'g', title: `title ${mark}` }));
      break;
    case 'metric':
      expectOk(updateGoal(doc, { by, goalId: 'g', metric: `metric ${mark}` }));
      break;
  }
}

describe('two people editing while apart, updates delivered out of order (seeded)', () => {
  it('always converge, and no added topic, milestone or note edit is lost', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 12 }),
        fc.array(op, { maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (mentorOps, menteeOps, shuffle) => {
          const base = createPairDoc(1);
          expectOk(
            scheduleSession(base, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }),
          );
          expectOk(addGoal(base, { by: MENTEE, id: 'g', title: 'Goal' }));
          const devices: Device[] = [
            { doc: forkDoc(base, 11), by: MENTOR, updates: [], marks: [] },
            { doc: forkDoc(base, 22), by: MENTEE, updates: [], marks: [] },
          ];
          for (const device of devices)
            device.doc.on('update', (update: Uint8Array) => device.updates.push(update));
          mentorOps.forEach((step, n) => apply(devices[0]!, step, n));
          menteeOps.forEach((step, n) => apply(devices[1]!, step, n));
          // Deliver each side's updates to the other reordered, some twice.
          const random = shuffle[Symbol.iterator]();
          const [mentor, mentee] = devices as [Device, Device];
          for (const [from, to] of [
            [mentor, mentee],
            [mentee, mentor],
          ] as const) {
            const queue = [...from.updates, ...from.updates.filter((_, i) => i % 3 === 0)];
            while (queue.length > 0) {
              const index = (random.next().value as number) % queue.length;
              Y.applyUpdate(to.doc, queue.splice(index, 1)[0]!);
            }
          }
          const [a, b] = [mentor.doc, mentee.doc];
          expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
          expect(readSession(a, 's')).toEqual(readSession(b, 's'));
          expect(listGoals(a)).toEqual(listGoals(b));
          const notes = readSession(a, 's')?.notes ?? '';
          const topics = listAgendaTopics(a, 's').map((topic) => topic.text);
          for (const mark of [...mentor.marks, ...mentee.marks]) {
            expect(notes.includes(mark) || topics.includes(mark)).toBe(true);
          }
          expect(listMilestones(a, 'g')).toHaveLength(
            [...mentorOps, ...menteeOps].filter((step) => step.kind === 'milestone').length,
          );
          return true;
        },
      ),
      { seed: 5, numRuns: 150 },
    );
  });
});
