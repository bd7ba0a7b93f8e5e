import {
  describeGap,
  INITIAL_SYNC_STATUS,
  type Observable,
  type RollbackWarning,
  type SyncStatus,
} from '$lib/sync/status/syncStatus';

export type { RollbackWarning };

/** How far another device of the pair had this device's changes, for one line of the badge. */
export interface PartnerHeads {
  deviceId: string;
  /** This device's changes (blobs) it did not have yet, 0 when it had them all. */
  missing: number;
  /** When this device heard so (ms since the epoch). */
  at: number;
}

/**
 * The sync engine's status as rune state, for the always-visible sync badge: the engine stays
 * free of Svelte, and the UI reads plain reactive fields.
 *
 * @example
 *   const sync = new SyncStatusState(engine.status);
 *   // in a component: {sync.summary}
 *   sync.dispose();
 */
export class SyncStatusState {
  current = $state<SyncStatus>(INITIAL_SYNC_STATUS);
  /** The browser's own word on the network: with none, the relay client keeps "connecting". */
  isOnline = $state(globalThis.navigator?.onLine ?? true);
  #stop: () => void;

  constructor(source: Observable<SyncStatus>) {
    const stopStatus = source.subscribe((value) => (this.current = value));
    const onNetwork = () => (this.isOnline = globalThis.navigator?.onLine ?? true);
    globalThis.addEventListener?.('online', onNetwork);
    globalThis.addEventListener?.('offline', onNetwork);
    this.#stop = () => {
      stopStatus();
      globalThis.removeEventListener?.('online', onNetwork);
      globalThis.removeEventListener?.('offline', onNetwork);
    };
  }

  /** offline / connecting / synced, with the browser's offline state taking precedence. */
  get connection(): SyncStatus['connection'] {
    return this.isOnline ? this.current.connection : 'offline';
  }

  /** One short line: "Offline", "Connecting…", "Synced at 14:05". */
  get summary(): string {
    const { syncedAt } = this.current;
    const connection = this.connection;
    if (connection === 'connecting') return 'Connecting…';
    if (connection === 'synced') {
      return syncedAt === null ? 'Synced' : `Synced at ${formatClock(syncedAt)}`;
    }
    return syncedAt === null ? 'Offline' : `Offline · last synced ${formatClock(syncedAt)}`;
  }

  /** Further lines worth a person's attention, each a complete sentence. */
  get details(): string[] {
    const { waiting, quarantined, healing, gaps, storeError } = this.current;
    const lines: string[] = [];
    if (storeError) lines.push(storeError);
    if (waiting > 0)
      lines.push(`${waiting} ${waiting === 1 ? 'change' : 'changes'} waiting to be sent`);
    if (quarantined > 0) {
      lines.push(
        `${quarantined} damaged or forged ${quarantined === 1 ? 'update was' : 'updates were'} set aside`,
      );
    }
    if (healing > 0) {
      lines.push(
        this.connection === 'synced'
          ? `Fetching an intact copy of ${healing === 1 ? 'it' : `${healing} of them`} from the relay`
          : 'An intact copy will be fetched once connected (or import a sync file)',
      );
    }
    for (const gap of gaps) lines.push(`Waiting for ${describeGap(gap)}`);
    return lines;
  }

  /**
   * Per other device heard from in this epoch, how far it had this device's changes (data: the
   * UI words it, and names the device).
   */
  get partnerHeads(): PartnerHeads[] {
    return this.current.heads.map(({ deviceId, hasMineUpTo, mineNow, at }) => ({
      deviceId,
      missing: Math.max(0, mineNow - hasMineUpTo),
      at,
    }));
  }

  /** Signs that a device, or the relay, went back to an older state (see RollbackWarning). */
  get rollbackWarnings(): readonly RollbackWarning[] {
    return this.current.rollback;
  }

  dispose(): void {
    this.#stop();
  }
}

function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
