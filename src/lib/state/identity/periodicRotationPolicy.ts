// When a pair moves to a fresh key with nobody removed (issue #12: "keys heal and old ones die"):
// a leaked epoch key, or a device's stolen state, reads only until the next rotation, so an epoch
// should not last for ever. But a rotation is not free: it resends the whole inner state about
// four times (both seeds up once and down once). BENCHMARKS.md, `rotation-bytes`: one rotation of
// a month-old pair costs 119,651 B; the month of a pair meeting weekly costs 1.62 MB with the
// 10 s keep-alive and 876 KB with a 60 s one, so within the 1 MB a month the issue asks for there
// is room for one rotation a month (876 KB + 120 KB = 996 KB), not more. Hence 30 days.
//
// A pair that is not used needs no new key (nothing new to read), so the period counts only for
// an epoch that saw at least one blob; a pair that writes a lot rotates sooner, after
// ROTATION_MAX_BLOBS, twice the compaction threshold (300), so heavy use does not stretch the
// life of one key over thousands of changes.
//
// The inputs are claims, and this function must hold up when a member lies in them:
// - the epoch's start is the followed rotation record's `at` (or the pair's creation for epoch
//   0): its writer chose it. Dated far in the past, it makes the epoch due at once; dated in the
//   future (beyond a day of clock skew), it is ignored and the epoch counts as due as well, so
//   it cannot put a rotation off. Either way the honest device that rotates writes its own `at`,
//   and the next epoch is measured from that;
// - this device rotates periodically at most once per ROTATION_MIN_GAP, judged from its own
//   signed records (which nobody else can write), so a member who keeps dating records in the
//   past gets at most one honest rotation a day per device out of it;
// - a rotation only ever seals the new key to the chain's active devices, so the worst a hostile
//   member can do with any of this is cost bytes (about 120 KB a rotation). It could cost as much
//   by rotating itself, which any member can do.

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long an epoch that saw activity lasts before a periodic rotation (see the file comment). */
export const ROTATION_PERIOD_MS = 30 * DAY_MS;

/** After this many blobs in one epoch a rotation is due whatever the epoch's age. */
export const ROTATION_MAX_BLOBS = 600;

/** A device writes at most one periodic rotation per this long. */
export const ROTATION_MIN_GAP_MS = DAY_MS;

/** How far in the future an epoch's start may lie and still be believed (clocks disagree). */
export const ROTATION_CLOCK_SKEW_MS = DAY_MS;

/** What `periodicRotationDue` decides on; instants in epoch milliseconds. */
export interface PeriodicRotationFacts {
  /** When the current epoch started by its record (or the pair's creation); undefined: unknown. */
  epochStartedAt: number | undefined;
  now: number;
  /** Blobs of the current epoch, seeds left out (`engine.epochBlobCount()`). */
  blobsThisEpoch: number;
  /** When this device last wrote a periodic rotation, by its own signed records; undefined: never. */
  lastOwnPeriodicAt: number | undefined;
}

/**
 * Whether this device should move the pair to a new key now, removing nobody: the epoch saw
 * activity and is older than ROTATION_PERIOD_MS (or its start is dated in the future), or it
 * holds more than ROTATION_MAX_BLOBS blobs; and this device wrote no periodic rotation in the
 * last ROTATION_MIN_GAP_MS. An unknown start waits for the blob bound.
 *
 * @example
 *   periodicRotationDue({ epochStartedAt: Date.parse(record.at), now: Date.now(),
 *     blobsThisEpoch: engine.epochBlobCount(), lastOwnPeriodicAt: undefined }); // true after 30 days
 */
export function periodicRotationDue(facts: PeriodicRotationFacts): boolean {
  const { epochStartedAt, now, blobsThisEpoch, lastOwnPeriodicAt } = facts;
  // A last rotation dated ahead of this clock (the clock was set back) also waits: never more.
  if (lastOwnPeriodicAt !== undefined && now - lastOwnPeriodicAt < ROTATION_MIN_GAP_MS) {
    return false;
  }
  if (!(blobsThisEpoch >= 1)) return false;
  if (blobsThisEpoch > ROTATION_MAX_BLOBS) return true;
  if (epochStartedAt === undefined || !Number.isFinite(epochStartedAt)) return false;
  if (epochStartedAt > now + ROTATION_CLOCK_SKEW_MS) return true;
  return now - epochStartedAt >= ROTATION_PERIOD_MS;
}
