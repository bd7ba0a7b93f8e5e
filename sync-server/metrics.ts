import type { RejectionReason } from './closeCodes.js';

export interface Counter {
  inc(by?: number): void;
  readonly value: number;
}
export interface Gauge extends Counter {
  dec(by?: number): void;
}
export interface Histogram {
  observe(value: number): void;
  readonly count: number;
}

/** What `/metrics` exposes. Counts and timings only: nothing here names a room or an address. */
export interface RelayMetrics {
  connections: Gauge;
  roomsLoaded: Gauge;
  bytesIn: Counter;
  bytesOut: Counter;
  messagesIn: Counter;
  rejections: (reason: RejectionReason) => Counter;
  /** Seconds from handing a batch to LevelDB until it is durable. */
  persistSeconds: Histogram;
  roomLoads: Counter;
  roomUnloads: Counter;
  compactions: Counter;
  storageErrors: Counter;
  /** Prometheus text exposition format 0.0.4. */
  render(): string;
}

const PERSIST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * Counters, gauges and one histogram in Prometheus text format, without a client library: the
 * relay needs a dozen numbers, not a registry.
 *
 * @example const metrics = createRelayMetrics(); metrics.connections.inc(); metrics.render();
 */
export function createRelayMetrics(): RelayMetrics {
  const counter = (): Gauge => {
    let value = 0;
    return {
      inc: (by = 1) => void (value += by),
      dec: (by = 1) => void (value -= by),
      get value() {
        return value;
      },
    };
  };
  const rejections = new Map<RejectionReason, Gauge>();
  const buckets = PERSIST_BUCKETS.map(() => 0);
  let persistCount = 0;
  let persistSum = 0;

  const metrics = {
    connections: counter(),
    roomsLoaded: counter(),
    bytesIn: counter(),
    bytesOut: counter(),
    messagesIn: counter(),
    roomLoads: counter(),
    roomUnloads: counter(),
    compactions: counter(),
    storageErrors: counter(),
  };
  const persistSeconds: Histogram = {
    observe(value) {
      persistCount += 1;
      persistSum += value;
      PERSIST_BUCKETS.forEach((bound, i) => {
        if (value <= bound) buckets[i] = (buckets[i] ?? 0) + 1;
      });
    },
    get count() {
      return persistCount;
    },
  };

  const render = (): string => {
    const lines: string[] = [];
    const one = (name: string, type: string, help: string, value: number) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
    one(
      'trellis_relay_connections',
      'gauge',
      'Open WebSocket connections.',
      metrics.connections.value,
    );
    one('trellis_relay_rooms_loaded', 'gauge', 'Rooms held in memory.', metrics.roomsLoaded.value);
    one(
      'trellis_relay_received_bytes_total',
      'counter',
      'Message bytes received.',
      metrics.bytesIn.value,
    );
    one('trellis_relay_sent_bytes_total', 'counter', 'Message bytes sent.', metrics.bytesOut.value);
    one(
      'trellis_relay_received_messages_total',
      'counter',
      'Messages received.',
      metrics.messagesIn.value,
    );
    one(
      'trellis_relay_room_loads_total',
      'counter',
      'Rooms loaded from disk.',
      metrics.roomLoads.value,
    );
    one(
      'trellis_relay_room_unloads_total',
      'counter',
      'Idle rooms unloaded.',
      metrics.roomUnloads.value,
    );
    one(
      'trellis_relay_compactions_total',
      'counter',
      'Rooms whose updates were merged.',
      metrics.compactions.value,
    );
    one(
      'trellis_relay_storage_errors_total',
      'counter',
      'Failed disk writes.',
      metrics.storageErrors.value,
    );
    lines.push(
      '# HELP trellis_relay_rejections_total Connections refused or closed, by reason.',
      '# TYPE trellis_relay_rejections_total counter',
    );
    for (const [reason, count] of [...rejections].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`trellis_relay_rejections_total{reason="${reason}"} ${count.value}`);
    }
    lines.push(
      '# HELP trellis_relay_persist_seconds Time to make a batch of updates durable.',
      '# TYPE trellis_relay_persist_seconds histogram',
    );
    PERSIST_BUCKETS.forEach((bound, i) =>
      lines.push(`trellis_relay_persist_seconds_bucket{le="${bound}"} ${buckets[i] ?? 0}`),
    );
    lines.push(
      `trellis_relay_persist_seconds_bucket{le="+Inf"} ${persistCount}`,
      `trellis_relay_persist_seconds_sum ${persistSum}`,
      `trellis_relay_persist_seconds_count ${persistCount}`,
    );
    const cpu = process.cpuUsage();
    one('process_resident_memory_bytes', 'gauge', 'Resident memory.', process.memoryUsage.rss());
    one('process_cpu_seconds_total', 'counter', 'CPU time.', (cpu.user + cpu.system) / 1e6);
    return `${lines.join('\n')}\n`;
  };

  return {
    ...metrics,
    rejections(reason) {
      let count = rejections.get(reason);
      if (!count) {
        count = counter();
        rejections.set(reason, count);
      }
      return count;
    },
    persistSeconds,
    render,
  };
}
