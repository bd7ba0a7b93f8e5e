// Asks the relay again, on the open connection, for what this device set aside or misses:
// at once (nearly) after a damaged copy is found or the connection syncs, then with a doubling
// delay while nothing heals (so a source that keeps serving bad bytes costs a few requests, not
// a stream). A gap the usual sync leaves open for `GAP_PATIENCE_MS` (longer than one
// keep-alive round, which fetches what was merely dropped) is asked for from the start of the
// room, at most `MAX_FULL_ASKS` times while the device holds blobs, `GAP_PATIENCE_MS` apart: a
// relay that withholds a blob is shown as a gap, not downloaded from over and over. A copy
// asked for `MAX_ASKS` times, or served bad that often, is given up.
import type { TimerHandle } from '../clock/clock';
import type { EngineContext, EpochRoom } from '../engine/engineContext';
import { itemOfCopy, MAX_ASKS } from './damagedCopy';
import { healingStateVector } from './healingStateVector';
import { forgetCopy, giveUpCopy } from './takeIntactCopies';

const FIRST_DELAY_MS = 1_000;
const WAKE_MS = 200;
const GAP_PATIENCE_MS = 15_000;
const MAX_FULL_ASKS = 3;

/** See `createHealer`. */
export interface Healer {
  /** The connection's state changed; `synced` starts (or restarts) asking. */
  connection(synced: boolean): void;
  /** Something may need healing (a copy was set aside, a blob held). */
  wake(): void;
  dispose(): void;
}

/**
 * A healer for `room`; `ask` sends a sync step 1 with the given state vector (false if it could
 * not be sent).
 *
 * @example
 *   const healer = createHealer({ ctx, room, ask: (vector) => relay.askFrom(vector) });
 */
export function createHealer(input: {
  ctx: EngineContext;
  room: EpochRoom;
  ask: (stateVector: Uint8Array) => boolean;
}): Healer {
  const { ctx, room, ask } = input;
  const { clock } = ctx;
  let synced = false;
  let timer: TimerHandle | undefined;
  let delay = FIRST_DELAY_MS;
  let nextAskAt = 0;
  let gapSince: number | undefined;
  let fullAsks = 0;
  let progress = 0;

  const arm = (ms: number) => {
    if (timer !== undefined) return;
    timer = clock.setTimeout(check, Math.max(ms, WAKE_MS));
  };
  function check() {
    timer = undefined;
    if (!synced || ctx.closed || ctx.room !== room) return;
    const now = clock.now();
    for (const copy of [...room.damaged.values()]) {
      if (!itemOfCopy(room.outerDoc, copy)) forgetCopy(ctx, copy);
      else if (!copy.gaveUp && copy.asks >= MAX_ASKS) giveUpCopy(ctx, copy);
    }
    const healed = ctx.counters.repaired + ctx.counters.refetched;
    if (healed !== progress) {
      progress = healed;
      delay = FIRST_DELAY_MS;
    }
    const holding = room.tracker.heldCount() > 0;
    gapSince = holding ? (gapSince ?? now) : undefined;
    // The budget of whole-room asks is the gap's, whatever the reconnects in between.
    if (!holding) fullAsks = 0;
    const gapStale = gapSince !== undefined && now - gapSince >= GAP_PATIENCE_MS;
    const everything = gapStale && fullAsks < MAX_FULL_ASKS;
    const asking = healingStateVector(room, { everything });
    if (!asking) {
      if (gapSince !== undefined && !gapStale) arm(gapSince + GAP_PATIENCE_MS - now);
      return;
    }
    if (now >= nextAskAt && ask(asking)) {
      if (everything) {
        fullAsks += 1;
        // One whole room at a time: the next may wait for the answer (and its gap to close).
        gapSince = now;
      }
      for (const copy of room.damaged.values()) if (!copy.gaveUp) copy.asks += 1;
      nextAskAt = now + delay;
      delay = Math.min(delay * 2, ctx.settings.healMaxDelayMs);
    }
    arm(nextAskAt - now);
  }
  return {
    connection(isSynced) {
      if (isSynced && !synced) {
        delay = FIRST_DELAY_MS;
        nextAskAt = 0;
        gapSince = undefined;
      }
      synced = isSynced;
      if (synced) arm(WAKE_MS);
    },
    wake: () => {
      if (synced) arm(WAKE_MS);
    },
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      synced = false;
    },
  };
}
