// When compaction starts by itself: past the count bound, and only once the blobs it would
// delete weigh `compactBytesFactor` times the state its snapshot resends. And the default
// batching a partner waits on while someone types.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_SETTINGS } from '$lib/sync';
import { readBlobHeader } from '$lib/sync/blob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import type { TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture;
afterEach(() => fixture?.dispose());

const compactions = () =>
  fixture.devices.reduce((sum, device) => sum + device.engine.counters().compactions, 0);
const kindsOf = (device: TestDevice) =>
  device.engine
    .room()
    .doc.getArray<Uint8Array>('log')
    .toArray()
    .map((blob) => {
      const read = readBlobHeader(blob);
      return read.ok ? read.header.kind : 'unreadable';
    });

/** 4 000 characters from a fixed seed (a linear congruential generator): no randomness. */
function seededText(length: number): string {
  let state = 7;
  let text = '';
  for (let i = 0; i < length; i += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    text += String.fromCharCode(97 + (state % 26));
  }
  return text;
}

describe('the compaction policy', () => {
  it('waits while the deletable blobs weigh less than the factor times the state', async () => {
    fixture = await createPairFixture(['alice', 'bob'], {
      name: 'compaction-bytes',
      settings: { compactAfter: 4, compactBytesFactor: 8, compactJitterMs: 0 },
    });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    const notes = alice.engine.innerDoc.getText('notes');
    notes.insert(0, seededText(4_000));
    await alice.engine.flush();
    for (let i = 0; i < 6; i += 1) {
      alice.engine.innerDoc.getMap('goals').set(`g${i}`, i);
      await alice.engine.flush();
    }
    await fixture.settle();
    // 7 blobs, past the bound of 4, but ~7 KB of them against a ~4 KB state: not worth resending.
    expect(kindsOf(bob)).toHaveLength(7);
    expect(compactions()).toBe(0);

    // Deleting the text shrinks the state to a few bytes: now the same blobs are worth it.
    notes.delete(0, notes.length);
    await alice.engine.flush();
    await fixture.settle();
    expect(compactions()).toBe(1);
    expect(kindsOf(bob)).toEqual(['snapshot']);
    expect(bob.engine.innerDoc.getMap('goals').size).toBe(6);
    expect(bob.engine.innerDoc.getText('notes').length).toBe(0);
  });

  it('compacts at the count bound alone when the factor is 0', async () => {
    fixture = await createPairFixture(['alice', 'bob'], {
      name: 'compaction-count',
      settings: { compactAfter: 4, compactBytesFactor: 0, compactJitterMs: 0 },
    });
    const [alice, bob] = fixture.devices as [TestDevice, TestDevice];
    alice.engine.innerDoc.getText('notes').insert(0, seededText(4_000));
    await alice.engine.flush();
    for (let i = 0; i < 6; i += 1) {
      alice.engine.innerDoc.getMap('goals').set(`g${i}`, i);
      await alice.engine.flush();
    }
    await fixture.settle();
    expect(compactions()).toBe(1);
    expect(kindsOf(bob)).toEqual(['snapshot']);
  });
});

describe('the default batching', () => {
  it('seals 1.5 s after typing pauses, and at most 8 s into a burst that does not pause', async () => {
    expect(DEFAULT_ENGINE_SETTINGS).toMatchObject({ idleMs: 1_500, maxDelayMs: 8_000 });
    fixture = await createPairFixture(['typist', 'partner'], { name: 'default-batching' });
    const [typist, partner] = fixture.devices as [TestDevice, TestDevice];
    const text = typist.engine.innerDoc.getText('notes');
    const type = async (keys: number) => {
      for (let i = 0; i < keys; i += 1) {
        text.insert(text.length, 'x');
        fixture.clock.advance(200);
        await typist.engine.whenSettled();
      }
    };
    const seen = () => partner.engine.innerDoc.getText('notes').length;
    // A phrase of 10 keys, then a pause: sealed once the pause reaches 1.5 s.
    await type(10);
    // 200 ms have passed since the last key.
    fixture.clock.advance(1_299);
    await typist.engine.whenSettled();
    expect(seen()).toBe(0);
    fixture.clock.advance(1);
    await typist.engine.whenSettled();
    expect(seen()).toBe(10);
    // 60 keys without a pause: the partner sees the first 40 after 8 s, not only at the end.
    await type(39);
    expect(seen()).toBe(10);
    await type(1);
    expect(seen()).toBe(50);
  });
});
