import { describe, expect, it } from 'vitest';
import type { DeviceId } from '$lib/crypto';
import { SyncStatusState } from '$lib/state/syncStatusState.svelte';
import { INITIAL_SYNC_STATUS } from '$lib/sync';
import { createSyncStatus } from '$lib/sync/status/syncStatus';

const sam = 'sam-phone-device-id' as DeviceId;
const laptop = 'my-laptop-device-id' as DeviceId;

describe('SyncStatusState heads', () => {
  it("gives each device's missing changes as numbers, following the engine's status", () => {
    const status = createSyncStatus(INITIAL_SYNC_STATUS);
    const sync = new SyncStatusState(status);
    expect(sync.partnerHeads).toEqual([]);
    status.update({
      heads: [
        { deviceId: sam, hasMineUpTo: 4, mineNow: 7, at: 1_000 },
        // A claim past what this device published is no negative count (the warning says it).
        { deviceId: laptop, hasMineUpTo: 9, mineNow: 7, at: 2_000 },
      ],
    });
    expect(sync.partnerHeads).toEqual([
      { deviceId: sam, missing: 3, at: 1_000 },
      { deviceId: laptop, missing: 0, at: 2_000 },
    ]);
    status.update({ heads: [{ deviceId: sam, hasMineUpTo: 7, mineNow: 7, at: 3_000 }] });
    expect(sync.partnerHeads).toEqual([{ deviceId: sam, missing: 0, at: 3_000 }]);
    sync.dispose();
  });

  it('passes the rollback warnings on', () => {
    const status = createSyncStatus(INITIAL_SYNC_STATUS);
    const sync = new SyncStatusState(status);
    expect(sync.rollbackWarnings).toEqual([]);
    status.update({ rollback: [{ deviceId: sam, kind: 'went-back' }] });
    expect(sync.rollbackWarnings).toEqual([{ deviceId: sam, kind: 'went-back' }]);
    sync.dispose();
  });
});
