import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  disposeOutcome,
  innerContent,
  runHarnessPlan,
  type HarnessOutcome,
} from '../../../support/harness/convergenceModel';
import { harnessPlan } from '../../../support/harness/harnessPlan';

// TRELLIS_SEEDS=5000 runs more plans; TRELLIS_SEED=<n> starts from another seed;
// TRELLIS_DAMAGING_SEEDS sets how many plans run with a damaging transport.
const runs = Number(process.env.TRELLIS_SEEDS ?? 500);
const damagingRuns = Number(process.env.TRELLIS_DAMAGING_SEEDS ?? 200);
const seed = Number(process.env.TRELLIS_SEED ?? 20_240_611);
/** Runs per test case, so progress shows and no single case runs for minutes. */
const CHUNK = 100;

function expectConverged(outcome: HarnessOutcome): void {
  const [first, ...rest] = outcome.devices;
  const expected = innerContent(first!.engine.innerDoc);
  for (const device of rest) {
    expect(innerContent(device.engine.innerDoc), device.label).toEqual(expected);
  }
  const edits = first!.engine.innerDoc.getMap('edits');
  for (const [label, made] of outcome.madeEdits) {
    for (const id of made) expect(edits.has(id), `${label} wrote ${id}`).toBe(true);
  }
  for (const device of outcome.devices) {
    expect(device.engine.status.get(), device.label).toMatchObject({
      quarantined: 0,
      healing: 0,
      gaps: [],
    });
  }
}

function runChunks(input: { label: string; runs: number; damaging: boolean }): void {
  for (let start = 0; start < input.runs; start += CHUNK) {
    const count = Math.min(CHUNK, input.runs - start);
    it(`${input.label}: schedules ${start + 1}–${start + count} of ${input.runs}`, async () => {
      await fc.assert(
        fc.asyncProperty(harnessPlan(60, { damaging: input.damaging }), async (plan) => {
          const outcome = await runHarnessPlan(plan);
          try {
            expectConverged(outcome);
          } finally {
            await disposeOutcome(outcome);
          }
        }),
        {
          numRuns: count,
          seed: seed + start + (input.damaging ? 1_000_003 : 0),
          endOnFailure: true,
        },
      );
    }, 600_000);
  }
}

describe('convergence of simulated devices', () => {
  runChunks({ label: 'converges and keeps every edit', runs, damaging: false });
});

describe('convergence over a damaging transport', () => {
  runChunks({ label: 'heals and keeps every edit', runs: damagingRuns, damaging: true });
});
