import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createManualClock } from '$lib/sync';
import { createSealQueue } from '$lib/sync/envelope/sealQueue';

function setUp() {
  const clock = createManualClock();
  let due = 0;
  const queue = createSealQueue({ clock, idleMs: 300, maxDelayMs: 1_000, onDue: () => (due += 1) });
  const updates: Uint8Array[] = [];
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { clock, queue, doc, updates, due: () => due };
}

describe('the seal queue', () => {
  it('is due after the idle window', () => {
    const { clock, queue, doc, updates, due } = setUp();
    doc.getText('t').insert(0, 'a');
    queue.push(updates[0]!, [1]);
    clock.advance(299);
    expect(due()).toBe(0);
    clock.advance(1);
    expect(due()).toBe(1);
  });

  it('is due at the maximum delay however often edits come', () => {
    const { clock, queue, due } = setUp();
    for (let i = 0; i < 9; i += 1) {
      queue.push(new Uint8Array([0, 0]), [1]);
      clock.advance(100);
    }
    expect(due()).toBe(0);
    queue.push(new Uint8Array([0, 0]), [1]);
    clock.advance(100);
    expect(due()).toBe(1);
  });

  it('merges waiting updates into one batch that stays unpublished until confirmed', () => {
    const { queue, doc, updates } = setUp();
    doc.getText('t').insert(0, 'ab');
    doc.getText('t').insert(2, 'c');
    queue.push(updates[0]!, [1]);
    queue.push(updates[1]!, [2]);
    const batch = queue.take()!;
    expect(batch.incarnations).toEqual([1, 2]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, batch.update);
    expect(copy.getText('t').toString()).toBe('abc');
    expect(queue.take()).toBeUndefined();
    expect(queue.size()).toBe(2);
    expect(queue.unpublished()).toEqual(batch);
    queue.confirm();
    expect(queue.size()).toBe(0);
    expect(queue.unpublished()).toBeUndefined();
  });

  it('puts a failed batch back first in line and retries after the given delay', () => {
    const { clock, queue, due } = setUp();
    queue.push(new Uint8Array([0, 0]), [1]);
    const batch = queue.take()!;
    queue.restore(5_000);
    expect(queue.size()).toBe(1);
    clock.advance(4_999);
    expect(due()).toBe(0);
    clock.advance(1);
    expect(due()).toBe(1);
    expect(queue.take()).toEqual(batch);
  });
});
