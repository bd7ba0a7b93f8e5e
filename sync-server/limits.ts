/**
 * Every bound the relay enforces, read from the environment with safe defaults. The worst-case
 * memory of the process is about `maxConnections × (maxFrameBytes + maxBufferedBytes)` plus the
 * loaded rooms (each at most `maxRoomBytes`); lower these on a small machine.
 */
export interface RelayLimits {
  /** Largest WebSocket message a client may send; larger ones close the connection with 1009. */
  maxFrameBytes: number;
  /** Largest outer doc a room may grow to; an update beyond it closes with 4413. */
  maxRoomBytes: number;
  /** Open connections in the whole process; beyond it new ones close with 4503. */
  maxConnections: number;
  /** Open connections from one IP address; beyond it new ones close with 4429. */
  maxConnectionsPerIp: number;
  /** Open connections in one room; beyond it new ones close with 4503. */
  maxConnectionsPerRoom: number;
  /** Rooms held in memory at once; a connection to an unloaded room beyond it closes with 4503. */
  maxRooms: number;
  /** Sustained messages per second per connection, and the burst allowed above it. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Sustained bytes per second per connection; the burst is twice `maxFrameBytes`. */
  bytesPerSecond: number;
  /** New connections per second per IP address (0 turns the check off), and the burst. */
  upgradesPerSecondPerIp: number;
  upgradeBurstPerIp: number;
  /** Bytes waiting to be sent to one connection before it is dropped as a slow reader. */
  maxBufferedBytes: number;
  /** How long a room with no connections stays in memory. */
  idleUnloadMs: number;
  /** Stored updates of one room after which they are merged into one. */
  compactAfterUpdates: number;
  /**
   * Whether every batch is flushed to the disk (fsync) before it is acknowledged. Without it a
   * write is acknowledged once LevelDB has handed it to the operating system: that survives a
   * crash or kill of the process, but not a power cut. The clients keep every update themselves
   * and send the relay whatever it lacks on their next sync, so a power cut costs the relay's
   * copy of the last moments, not the pair's data; fsync costs tail latency (see BENCHMARKS.md).
   */
  fsync: boolean;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<RelayLimits> = {
  maxFrameBytes: 2 * MIB,
  maxRoomBytes: 32 * MIB,
  maxConnections: 10_000,
  maxConnectionsPerIp: 200,
  maxConnectionsPerRoom: 32,
  maxRooms: 10_000,
  messagesPerSecond: 100,
  messageBurst: 1000,
  bytesPerSecond: MIB / 2,
  upgradesPerSecondPerIp: 20,
  upgradeBurstPerIp: 100,
  maxBufferedBytes: 8 * MIB,
  idleUnloadMs: 30_000,
  compactAfterUpdates: 500,
  fsync: false,
};

/** The environment variable that sets each limit (documented in the README). */
export const LIMIT_VARIABLES: Readonly<Record<keyof RelayLimits, string>> = {
  maxFrameBytes: 'MAX_FRAME_BYTES',
  maxRoomBytes: 'MAX_ROOM_BYTES',
  maxConnections: 'MAX_CONNECTIONS',
  maxConnectionsPerIp: 'MAX_CONNECTIONS_PER_IP',
  maxConnectionsPerRoom: 'MAX_CONNECTIONS_PER_ROOM',
  maxRooms: 'MAX_ROOMS',
  messagesPerSecond: 'RATE_MESSAGES_PER_SECOND',
  messageBurst: 'RATE_MESSAGES_BURST',
  bytesPerSecond: 'RATE_BYTES_PER_SECOND',
  upgradesPerSecondPerIp: 'RATE_UPGRADES_PER_IP',
  upgradeBurstPerIp: 'RATE_UPGRADES_BURST',
  maxBufferedBytes: 'MAX_BUFFERED_BYTES',
  idleUnloadMs: 'IDLE_UNLOAD_MS',
  compactAfterUpdates: 'COMPACT_AFTER_UPDATES',
  fsync: 'FSYNC',
};

/** Limits that must be at least 1; the others may be 0 (a rate of 0 turns that check off). */
const POSITIVE: ReadonlySet<keyof RelayLimits> = new Set<keyof RelayLimits>([
  'maxFrameBytes',
  'maxRoomBytes',
  'maxConnections',
  'maxConnectionsPerIp',
  'maxConnectionsPerRoom',
  'maxRooms',
  'messagesPerSecond',
  'messageBurst',
  'bytesPerSecond',
  'maxBufferedBytes',
  'compactAfterUpdates',
]);

export type LimitsResult = { ok: true; limits: RelayLimits } | { ok: false; message: string };

/**
 * Reads the limit variables; anything unset keeps its default, anything unreadable is an error
 * (a typo must not silently disable a limit).
 *
 * @example readLimits({ MAX_CONNECTIONS: '500' }) // { ok: true, limits: { maxConnections: 500, … } }
 */
export function readLimits(env: NodeJS.ProcessEnv): LimitsResult {
  const limits: RelayLimits = { ...DEFAULT_LIMITS };
  for (const [key, variable] of Object.entries(LIMIT_VARIABLES) as [keyof RelayLimits, string][]) {
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    if (key === 'fsync') {
      if (!/^(true|false|1|0)$/.test(raw)) {
        return { ok: false, message: `${variable} must be true or false, not "${raw}"` };
      }
      limits.fsync = raw === 'true' || raw === '1';
      continue;
    }
    const value = Number(raw);
    const least = POSITIVE.has(key) ? 1 : 0;
    if (!Number.isSafeInteger(value) || value < least) {
      return { ok: false, message: `${variable} must be a whole number ≥ ${least}, not "${raw}"` };
    }
    limits[key] = value;
  }
  return { ok: true, limits };
}
