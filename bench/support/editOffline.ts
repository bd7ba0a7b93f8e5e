// The offline half of reconnect-bytes: every device makes its own seeded edits at a human
// rhythm, all on one virtual timeline, while the engines seal and store them as blobs.
import type { SyncedWorkspace } from '$lib/sync';
import { buildHumanSchedule } from './humanSchedule';
import { createTypist, planOfflineEdits } from './offlineEdits';
import type { SteppedClock } from './steppedClock';

/**
 * Makes `edits` edits on each engine (seeds `seed * 2 + index`), then lets the last batches
 * seal.
 *
 * @example
 *   await editOffline({ engines, time, edits: 500, seed: 3, textName: 'notes' });
 */
export async function editOffline(input: {
  engines: readonly SyncedWorkspace[];
  time: SteppedClock;
  edits: number;
  seed: number;
  textName: string;
}): Promise<void> {
  const { engines, time } = input;
  const settle = async () => void (await Promise.all(engines.map((e) => e.whenSettled())));
  const timeline = engines.flatMap((engine, index) => {
    const seed = input.seed * 2 + index;
    const edits = planOfflineEdits(input.edits, seed);
    const typist = createTypist(engine.innerDoc, input.textName);
    const { events } = buildHumanSchedule({ keystrokes: input.edits, structuredEdits: 0, seed });
    return events.map((event, order) => ({
      at: event.at,
      index,
      engine,
      typist,
      edit: edits[order],
    }));
  });
  timeline.sort((a, b) => a.at - b.at || a.index - b.index);
  for (const { at, engine, typist, edit } of timeline) {
    await time.advanceTo(at, settle);
    if (edit) engine.innerDoc.transact(() => typist.apply(edit));
  }
  // Past the longest batching delay: every edit is sealed into a blob.
  await time.advanceTo(time.now() + 5_000, settle);
  await settle();
}
