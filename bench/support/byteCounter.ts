// Counts what a client's WebSocket connections carry, both ways, by y-websocket message kind.
// Two figures per message: its payload, and its frame (payload plus the RFC 6455 header: 2
// bytes, +2 past 125 bytes of payload, +8 past 65 535, +4 for the mask every client-to-server
// frame carries). The HTTP upgrade and ping/pong control frames are not counted: the upgrade is
// the same few hundred bytes for both sides of a comparison, and the relay's pings run on real
// time, which the benchmarks compress.
import * as decoding from 'lib0/decoding';

/** Which way a message went, seen from the client. */
export type Direction = 'sent' | 'received';

/** What a message is, by its y-websocket type (and sync step). */
export type MessageKind = 'sync-step1' | 'sync-step2' | 'sync-update' | 'awareness' | 'other';

/** Every message kind, in report order. */
export const MESSAGE_KINDS: readonly MessageKind[] = [
  'sync-step1',
  'sync-step2',
  'sync-update',
  'awareness',
  'other',
];

/** Messages and bytes of one kind and direction. */
export interface ByteTally {
  messages: number;
  payloadBytes: number;
  frameBytes: number;
}

/** Everything counted so far. */
export interface ByteReport {
  sent: Record<MessageKind, ByteTally>;
  received: Record<MessageKind, ByteTally>;
  /** Frame bytes, both ways, every kind. */
  frameBytes: number;
  payloadBytes: number;
  /** WebSocket connections opened (a reconnect shows up here). */
  sockets: number;
}

/** See `createByteCounter`. */
export interface ByteCounter {
  record(direction: Direction, message: Uint8Array): void;
  /** Calls `listener` with every message recorded from now on. */
  listen(listener: (direction: Direction, message: Uint8Array) => void): void;
  socketOpened(): void;
  /** Frame bytes both ways so far (cheap: for "has anything moved" checks). */
  total(): number;
  report(): ByteReport;
}

/**
 * A counter for one side of a comparison (every socket of every client on that side).
 *
 * @example
 *   const counter = createByteCounter();
 *   counter.record('sent', message);
 *   counter.report().frameBytes;
 */
export function createByteCounter(): ByteCounter {
  const empty = () =>
    Object.fromEntries(
      MESSAGE_KINDS.map((kind) => [kind, { messages: 0, payloadBytes: 0, frameBytes: 0 }]),
    ) as Record<MessageKind, ByteTally>;
  const tallies = { sent: empty(), received: empty() };
  let total = 0;
  let payload = 0;
  let sockets = 0;
  const listeners: ((direction: Direction, message: Uint8Array) => void)[] = [];
  return {
    record(direction, message) {
      for (const listener of listeners) listener(direction, message);
      const tally = tallies[direction][kindOf(message)];
      const frame = frameBytes(message.byteLength, direction === 'sent');
      tally.messages += 1;
      tally.payloadBytes += message.byteLength;
      tally.frameBytes += frame;
      total += frame;
      payload += message.byteLength;
    },
    listen: (listener) => void listeners.push(listener),
    socketOpened: () => void (sockets += 1),
    total: () => total,
    report: () => ({
      sent: structuredClone(tallies.sent),
      received: structuredClone(tallies.received),
      frameBytes: total,
      payloadBytes: payload,
      sockets,
    }),
  };
}

/**
 * Bytes of one unfragmented binary frame carrying `payload` bytes (RFC 6455 §5.2).
 *
 * @example
 *   frameBytes(20, true); // 26: 2 header bytes and a 4-byte mask
 */
export function frameBytes(payload: number, masked: boolean): number {
  const length = payload < 126 ? 0 : payload <= 0xffff ? 2 : 8;
  return payload + 2 + length + (masked ? 4 : 0);
}

/**
 * Sums `pick` over both directions and the given kinds of a report.
 *
 * @example
 *   sumKinds(report, ['awareness'], (tally) => tally.frameBytes);
 */
export function sumKinds(
  report: ByteReport,
  kinds: readonly MessageKind[],
  pick: (tally: ByteTally) => number,
): number {
  let sum = 0;
  for (const kind of kinds) sum += pick(report.sent[kind]) + pick(report.received[kind]);
  return sum;
}

/**
 * Frame bytes of one direction of a report, every kind.
 *
 * @example
 *   directionBytes(report, 'received');
 */
export function directionBytes(report: ByteReport, direction: Direction): number {
  return Object.values(report[direction]).reduce((sum, tally) => sum + tally.frameBytes, 0);
}

/**
 * Several counters' reports added up (the clients of one side of a comparison).
 *
 * @example
 *   const side = mergeReports([writerCounter.report(), readerCounter.report()]);
 */
export function mergeReports(reports: readonly ByteReport[]): ByteReport {
  const merged = createByteCounter().report();
  for (const report of reports) {
    for (const direction of ['sent', 'received'] as const) {
      for (const kind of MESSAGE_KINDS) {
        const tally = merged[direction][kind];
        tally.messages += report[direction][kind].messages;
        tally.payloadBytes += report[direction][kind].payloadBytes;
        tally.frameBytes += report[direction][kind].frameBytes;
      }
    }
    merged.frameBytes += report.frameBytes;
    merged.payloadBytes += report.payloadBytes;
    merged.sockets += report.sockets;
  }
  return merged;
}

/**
 * What was counted between two reports of one counter.
 *
 * @example
 *   const before = counter.report();
 *   // … traffic …
 *   const during = diffReports(counter.report(), before);
 */
export function diffReports(after: ByteReport, before: ByteReport): ByteReport {
  const diff = structuredClone(after);
  for (const direction of ['sent', 'received'] as const) {
    for (const kind of MESSAGE_KINDS) {
      const tally = diff[direction][kind];
      const earlier = before[direction][kind];
      tally.messages -= earlier.messages;
      tally.payloadBytes -= earlier.payloadBytes;
      tally.frameBytes -= earlier.frameBytes;
    }
  }
  diff.frameBytes -= before.frameBytes;
  diff.payloadBytes -= before.payloadBytes;
  diff.sockets -= before.sockets;
  return diff;
}

function kindOf(message: Uint8Array): MessageKind {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === 1) return 'awareness';
    if (type !== 0) return 'other';
    const step = decoding.readVarUint(decoder);
    return step === 0 ? 'sync-step1' : step === 1 ? 'sync-step2' : 'sync-update';
  } catch {
    return 'other';
  }
}
