// What one side of the wire-bytes comparison reports.
import type { ByteReport } from '../byteCounter';

/** The outcome of replaying the schedule through one side. */
export interface TypingRun {
  bytes: ByteReport;
  /** Real seconds the side took. */
  seconds: number;
  /** Virtual-time stops (timers that fired). */
  timerStops: number;
  /** The partner's structured edits at the end (`structuredState`), to compare the sides. */
  structured: string;
}
