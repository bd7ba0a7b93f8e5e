import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlobErrorCode } from '$lib/sync/blob';
import { listQuarantined } from '$lib/store';
import {
  disposeOutcome,
  innerContent,
  runHarnessPlan,
  type HarnessOutcome,
} from '../../../support/harness/convergenceModel';
import { HOSTILE_ATTACKS, harnessPlan } from '../../../support/harness/harnessPlan';
import type { HostileAttack, HostileBlob } from '../../../support/harness/hostileMember';
import { seededWorkspaceId } from '../../../support/harness/seededIdentity';

// TRELLIS_SEEDS=5000 runs more plans; TRELLIS_SEED=<n> starts from another seed;
// TRELLIS_DAMAGING_SEEDS sets how many plans run with a damaging transport;
// TRELLIS_HOSTILE_SEEDS how many run with a hostile member.
const runs = Number(process.env.TRELLIS_SEEDS ?? 500);
const damagingRuns = Number(process.env.TRELLIS_DAMAGING_SEEDS ?? 200);
const hostileRuns = Number(process.env.TRELLIS_HOSTILE_SEEDS ?? 200);
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
    // Honest devices never look as if they went back (restarts, crashes and rollovers included).
    expect(device.engine.status.get(), device.label).toMatchObject({
      quarantined: 0,
      healing: 0,
      gaps: [],
      rollback: [],
    });
  }
}

/**
 * What an honest receiver may quarantine a hostile blob for, by what it forged. A snapshot's
 * stale state holds honest content its manifest does not claim, which may be refused as foreign.
 */
const ALLOWED_CODES: Record<HostileAttack, readonly BlobErrorCode[]> = {
  inflateMax: ['FALSE_MANIFEST', 'FOREIGN_CLIENT_ID'],
  inflateSmall: ['FALSE_MANIFEST', 'FOREIGN_CLIENT_ID'],
  foreignUpdate: ['FOREIGN_CLIENT_ID'],
  foreignSnapshot: ['FOREIGN_CLIENT_ID'],
  foreignClaimSnapshot: ['FOREIGN_CLIENT_ID', 'FALSE_MANIFEST'],
  schemaBump: [],
  ownEdit: [],
};

/**
 * A forged update under a foreign client id is refused by every honest device of its epoch,
 * unless a later hostile snapshot vouched for it (the receiver may then drop it unopened, as
 * covered by its sender's own word).
 */
function surelyRefused(blob: HostileBlob, sealed: readonly HostileBlob[]): boolean {
  if (blob.attack !== 'foreignUpdate') return false;
  return !sealed.some(
    (other) => other.epoch === blob.epoch && other.seq > blob.seq && other.vouches,
  );
}

/**
 * With a hostile member: the honest devices agree, hold every `edits` value an honest device
 * wrote (the hostile member's own keys aside), have no gaps, and quarantined each hostile blob
 * only for what it forged.
 */
async function expectHonestConverged(outcome: HarnessOutcome, tally: CodeTally): Promise<void> {
  const [first, ...rest] = outcome.devices;
  const expected = innerContent(first!.engine.innerDoc);
  for (const device of rest) {
    expect(innerContent(device.engine.innerDoc), device.label).toEqual(expected);
  }
  for (const device of outcome.devices) {
    const edits = device.engine.innerDoc.getMap('edits');
    for (const [label, made] of outcome.madeEdits) {
      for (const id of made)
        expect(edits.get(id), `${device.label}: ${label} wrote ${id}`).toBe(label);
    }
    // The hostile member lies in manifests and client ids, not in its head vectors.
    expect(device.engine.status.get(), device.label).toMatchObject({
      healing: 0,
      gaps: [],
      rollback: [],
    });
  }
  const hostile = outcome.hostile!;
  const workspaceId = await seededWorkspaceId('convergence');
  for (const device of outcome.devices) {
    await device.engine.whenSettled();
    const rows = await listQuarantined(device.db, workspaceId);
    const hostileRows = rows.filter((row) => row.deviceId === hostile.identity.deviceId);
    for (const row of rows) {
      if (row.deviceId !== hostile.identity.deviceId) {
        // An honest compaction passes on the claims it took (its manifest is its contiguous
        // seqs): when a hostile claim proves false, the snapshot that relayed it is reported too.
        expect(row.code, `${device.label} quarantined an honest blob`).toBe('FALSE_MANIFEST');
        continue;
      }
      const blob = hostile.sealed.find((each) => each.epoch === row.epoch && each.seq === row.seq);
      expect(ALLOWED_CODES[blob!.attack], `${device.label}: ${blob!.attack}`).toContain(row.code);
      tally.set(blob!.attack, new Set([...(tally.get(blob!.attack) ?? []), row.code]));
    }
    const epoch = device.engine.room().epoch;
    for (const { epoch: sealedIn, wrote } of hostile.sealed) {
      // A member's own writes in this epoch are kept (it republishes nothing into a later one).
      if (sealedIn !== epoch || !wrote) continue;
      const value = device.engine.innerDoc.getMap(wrote.map).get(wrote.key);
      expect(value, `${device.label} kept the hostile member's ${wrote.key}`).toBe(wrote.value);
    }
    for (const blob of hostile.sealed) {
      if (blob.epoch !== epoch || !surelyRefused(blob, hostile.sealed)) continue;
      const row = hostileRows.find((each) => each.epoch === blob.epoch && each.seq === blob.seq);
      expect(row?.code, `${device.label} refused hostile seq ${blob.seq}`).toBe(
        'FOREIGN_CLIENT_ID',
      );
    }
  }
}

/** Per forged kind, the codes honest devices quarantined it for. */
type CodeTally = Map<HostileAttack, Set<string>>;

/**
 * The code each kind must have been quarantined for somewhere in a chunk of plans: whether one
 * receiver can tell depends on what it held when the lie came, but across 50 plans some can.
 */
const DETECTED_AS: Partial<Record<HostileAttack, BlobErrorCode>> = {
  inflateMax: 'FALSE_MANIFEST',
  inflateSmall: 'FALSE_MANIFEST',
  foreignUpdate: 'FOREIGN_CLIENT_ID',
};

function expectDetected(tally: CodeTally, attacks: readonly HostileAttack[]): void {
  for (const attack of attacks) {
    const code = DETECTED_AS[attack];
    if (code) expect([...(tally.get(attack) ?? [])], `${attack} detected`).toContain(code);
  }
}

function runChunks(input: {
  label: string;
  runs: number;
  damaging?: boolean;
  hostile?: boolean;
  attacks?: readonly HostileAttack[];
  /** A named known failure: the chunk passes only if some plan fails. */
  knownFailure?: boolean;
}): void {
  const { damaging = false, hostile = false, attacks = HOSTILE_ATTACKS } = input;
  const test = input.knownFailure ? it.fails : it;
  for (let start = 0; start < input.runs; start += CHUNK) {
    const count = Math.min(CHUNK, input.runs - start);
    test(`${input.label}: schedules ${start + 1}–${start + count} of ${input.runs}`, async () => {
      const tally: CodeTally = new Map();
      await fc.assert(
        fc.asyncProperty(harnessPlan(60, { damaging, hostile, attacks }), async (plan) => {
          const outcome = await runHarnessPlan(plan);
          try {
            if (hostile) await expectHonestConverged(outcome, tally);
            else expectConverged(outcome);
          } finally {
            await disposeOutcome(outcome);
          }
        }),
        {
          numRuns: count,
          seed: seed + start + (damaging ? 1_000_003 : 0) + (hostile ? 2_000_003 : 0),
          endOnFailure: true,
        },
      );
      if (hostile && count >= 50) expectDetected(tally, attacks);
    }, 600_000);
  }
}

describe('convergence of simulated devices', () => {
  runChunks({ label: 'converges and keeps every edit', runs, damaging: false });
});

describe('convergence over a damaging transport', () => {
  runChunks({ label: 'heals and keeps every edit', runs: damagingRuns, damaging: true });
});

/**
 * Snapshot states that write under an honest device's client id, past what it wrote, are applied
 * by a receiver that has not seen that client id write in this epoch (a fresh or lagging device,
 * one whose view came from compactions, any device after a rollover, the victim itself for an
 * incarnation it has not reached) or whose manifest claims the victim's next seqs: the forged
 * items take the ids of the victim's next real ones, which Yjs then drops as already held. The
 * honest replicas fork and lose the victim's edits. Not fixable in the receiver alone (nothing
 * authenticates another member's items inside a snapshot); kept as named known failures.
 */
const KNOWN_FORKS: readonly HostileAttack[] = ['foreignSnapshot', 'foreignClaimSnapshot'];

describe('convergence with a hostile member', () => {
  // TRELLIS_HOSTILE_ATTACKS=inflateMax,ownEdit runs only those forgeries.
  const only = process.env.TRELLIS_HOSTILE_ATTACKS?.split(',') as HostileAttack[] | undefined;
  runChunks({
    label: 'honest devices agree and keep every edit',
    runs: hostileRuns,
    hostile: true,
    attacks: only ?? HOSTILE_ATTACKS.filter((attack) => !KNOWN_FORKS.includes(attack)),
  });
  for (const attack of KNOWN_FORKS) {
    runChunks({
      label: `KNOWN FAILURE (${attack}): forged snapshot states fork the honest replicas`,
      runs: 20,
      hostile: true,
      attacks: [attack],
      knownFailure: true,
    });
  }
});
