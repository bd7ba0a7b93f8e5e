import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type PageLifecycle } from '$lib/sync';
import { readBlobHeader } from '$lib/sync/blob';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import {
  seededIdentity,
  seededWorkspaceId,
  seededWorkspaceKey,
} from '../../../support/harness/seededIdentity';
import { createTestDevice, type TestDevice } from '../../../support/harness/testDevice';

let fixture: PairFixture | undefined;
let extra: TestDevice[] = [];
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
  await Promise.all(extra.map((device) => device.dispose()));
  extra = [];
});

describe('when local edits are sealed', () => {
  it('seals at once when the page is hidden', async () => {
    const listeners = new Set<() => void>();
    const pageLifecycle: PageLifecycle = {
      onHidden(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const clock = createManualClock();
    const identity = await seededIdentity('hidden');
    const device = await createTestDevice({
      label: 'hidden',
      workspace: {
        workspaceId: await seededWorkspaceId('hidden'),
        key: await seededWorkspaceKey('hidden/0'),
        clock,
        pageLifecycle,
      },
      devices: [identity.deviceId],
    });
    extra.push(device);
    device.engine.innerDoc.getText('notes').insert(0, 'unsaved thought');
    await device.engine.whenSettled();
    expect(device.engine.counters().published).toBe(0);
    for (const listener of listeners) listener();
    await device.engine.whenSettled();
    expect(device.engine.counters().published).toBe(1);
  });

  it('seals after the idle window, and no later than the maximum delay while typing goes on', async () => {
    fixture = await createPairFixture(['typist'], {
      name: 'batching',
      settings: { idleMs: 300, maxDelayMs: 2_000 },
    });
    const [typist] = fixture.devices as [TestDevice];
    const text = typist.engine.innerDoc.getText('notes');
    for (let i = 0; i < 19; i += 1) {
      text.insert(text.length, 'x');
      fixture.clock.advance(100);
      await typist.engine.whenSettled();
    }
    expect(typist.engine.counters().published).toBe(0);
    text.insert(text.length, 'x');
    fixture.clock.advance(100);
    await typist.engine.whenSettled();
    // 2 000 ms after the first keystroke, though the typing never paused for 300 ms.
    expect(typist.engine.counters().published).toBe(1);
    const log = typist.engine.room().doc.getArray<Uint8Array>('log');
    const read = readBlobHeader(log.get(0));
    expect(read.ok && read.header).toMatchObject({ kind: 'update', seq: 1 });
  });
});

describe('membership', () => {
  it('accepts the blobs of a device once it is added, and releases them from quarantine', async () => {
    fixture = await createPairFixture(['alice', 'newphone'], {
      name: 'members',
      members: ['alice'],
    });
    const [alice, phone] = fixture.devices as [TestDevice, TestDevice];
    phone.engine.innerDoc.getMap('goals').set('from', 'the new phone');
    await fixture.settle();
    expect(alice.engine.status.get().quarantined).toBe(1);
    expect(alice.engine.innerDoc.getMap('goals').size).toBe(0);
    await alice.engine.addDevice(phone.identity.deviceId);
    await fixture.settle();
    expect(alice.engine.innerDoc.getMap('goals').get('from')).toBe('the new phone');
    expect(alice.engine.status.get().quarantined).toBe(0);
    expect(await alice.db.quarantine.count()).toBe(0);
  });
});
