import { describe, expect, it } from 'vitest';
import type { DeviceId } from '$lib/crypto';
import { describeGap, INITIAL_SYNC_STATUS } from '$lib/sync';
import { createSyncStatus } from '$lib/sync/status/syncStatus';

describe('the sync status', () => {
  it('tells subscribers the value now and on each real change, until they unsubscribe', () => {
    const status = createSyncStatus(INITIAL_SYNC_STATUS);
    const seen: string[] = [];
    const stop = status.subscribe((value) => seen.push(value.connection));
    status.update({ connection: 'connecting' });
    status.update({ connection: 'connecting' });
    status.update({ connection: 'synced', syncedAt: 5 });
    stop();
    status.update({ connection: 'offline' });
    expect(seen).toEqual(['offline', 'connecting', 'synced']);
    expect(status.get()).toMatchObject({ connection: 'offline', syncedAt: 5 });
  });

  it('describes a gap for a person', () => {
    const deviceId = 'abcdefghijklmnop' as DeviceId;
    expect(describeGap({ deviceId, fromSeq: 4, toSeq: 6 })).toBe(
      'missing updates from device abcdefgh (4–6)',
    );
    expect(describeGap({ deviceId, fromSeq: 4, toSeq: 4 })).toBe(
      'missing updates from device abcdefgh (4)',
    );
  });
});
