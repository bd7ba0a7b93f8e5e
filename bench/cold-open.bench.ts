// `npm run bench -- cold-open`: how long a device takes to open a large workspace from its own
// IndexedDB, against decoding the same state from memory with plain Yjs.
//
// The workspace: the inner state of ../shared/traces/automerge-paper.json.gz (259,778 edits
// typing an academic paper; editing traces by Joseph Gentle and contributors, CC BY 4.0) folded
// into one snapshot, plus 300 blobs from the partner's device that this device verified and
// applied but did not fold into a snapshot (bench/cold-open/seedWorkspace.ts). It is seeded
// through the engine itself in Debian's Chromium (Playwright), on a real, on-disk IndexedDB
// (a persistent profile in a temporary folder, not an in-memory incognito one).
//
// Each run reloads the page and times `openSyncedWorkspace` until it returns a ready inner doc
// (its text checked against the trace's end content afterwards), and `Y.applyUpdate(new
// Y.Doc(), state)` in the same page; the two alternate which goes first. The engine loads the
// stored outer doc after it returns (nothing touches the outer doc before); that work is awaited
// outside the timing, and the profile shows it as the "after ready" steps. The figure is the
// ratio of the medians. Target: ratio ≤ 1.2 (a reopen should not re-verify what this device
// verified before). Three more loads time each step of an open (medians), to show what
// dominates.
//
// Needs ../shared/traces (absent from a fresh clone: the benchmark says so and exits 2) and
// Chromium at /usr/bin/chromium (or CHROMIUM_PATH). COLD_OPEN_RUNS sets the runs (default 11).
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePage } from './cold-open/bundlePage';
import { startPageServer, type PageServer } from './cold-open/pageServer';
import type { MeasureResult, ProfileResult, RunOrder } from './cold-open/protocol';
import { logProgress, printResult, round } from './support/benchOutput';
import { requireTrace, TRACE_ATTRIBUTION } from './support/loadTrace';
import { readSeed } from './support/readBenchSettings';
import { chromiumLaunchOptions } from '../tests/support/chromiumLaunch';

const PARTNER_BLOBS = 300;
const PROFILE_RUNS = 3;
const RUNS = Number(process.env.COLD_OPEN_RUNS ?? 11);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new RangeError('COLD_OPEN_RUNS must be ≥ 1');
const seed = readSeed(3);
/** The tests' Chromium, plus `--expose-gc`: each timing starts after a full collection (see measureOpen.ts). */
const CHROMIUM = chromiumLaunchOptions(['--js-flags=--expose-gc']);

logProgress(`cold-open: automerge-paper, ${TRACE_ATTRIBUTION}`);
const trace = await requireTrace('automerge-paper');
const workDir = await mkdtemp(join(tmpdir(), 'trellis-cold-open-'));
let server: PageServer | undefined;
let context: BrowserContext | undefined;
try {
  const bundleDir = join(workDir, 'bundle');
  logProgress('building the page bundle (Vite, library mode)');
  await bundlePage(bundleDir);
  server = await startPageServer({ bundleDir, trace });
  // A persistent profile keeps IndexedDB on disk, as a browser does for a site.
  context = await chromium.launchPersistentContext(join(workDir, 'profile'), CHROMIUM);
  const { url } = server;
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => logProgress(`page error: ${error.message}`));
  await load(page, url);
  logProgress(`seeding IndexedDB: ${trace.txns.length} edits, then ${PARTNER_BLOBS} partner blobs`);
  const seeded = await page.evaluate((input) => window.coldOpen!.seed(input), {
    partnerBlobs: PARTNER_BLOBS,
    seed,
  });
  logProgress(
    `seeded in ${round(seeded.seconds, 1)} s: state ${seeded.stateBytes} bytes, ` +
      `${seeded.logEntries} log entries, snapshot ${seeded.snapshotBytes} bytes`,
  );
  const runs: MeasureResult[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const order: RunOrder = run % 2 === 0 ? 'trellis-first' : 'baseline-first';
    await load(page, url);
    const result = await page.evaluate((input) => window.coldOpen!.measure(input), {
      workspaceId: seeded.workspaceId,
      order,
    });
    runs.push(result);
    logProgress(
      `run ${run + 1}/${RUNS} (${order}): trellis ${round(result.trellisMs, 1)} ms, ` +
        `baseline ${round(result.baselineMs, 1)} ms, blobs opened ${result.opened}`,
    );
  }
  const profiles: ProfileResult[] = [];
  for (let run = 0; run < PROFILE_RUNS; run += 1) {
    await load(page, url);
    profiles.push(
      await page.evaluate((input) => window.coldOpen!.profile(input), {
        workspaceId: seeded.workspaceId,
      }),
    );
  }
  const steps = Object.keys(profiles[0]?.steps ?? {}).map((step) => {
    const ms = median(profiles.map((profile) => profile.steps[step] ?? Number.NaN));
    logProgress(`profile (median of ${PROFILE_RUNS}): ${round(ms, 1)} ms  ${step}`);
    return [step, round(ms, 1)] as const;
  });
  const trellisMs = median(runs.map((run) => run.trellisMs));
  const baselineMs = median(runs.map((run) => run.baselineMs));
  printResult({
    bench: 'cold-open',
    trellis_ms: round(trellisMs, 1),
    baseline_ms: round(baselineMs, 1),
    ratio: round(trellisMs / baselineMs, 2),
    // Each load's own ratio shares that moment's machine load: steadier on a busy machine.
    ratio_median_of_runs: round(median(runs.map((run) => run.trellisMs / run.baselineMs)), 2),
    runs: RUNS,
    trellis_runs_ms: runs.map((run) => round(run.trellisMs, 1)),
    baseline_runs_ms: runs.map((run) => round(run.baselineMs, 1)),
    blobs_opened_on_reopen: Math.max(...runs.map((run) => run.opened)),
    profile_ms: Object.fromEntries(steps),
    sizes: { ...profiles[0]?.sizes, stateBytes: seeded.stateBytes },
    partner_blobs: seeded.partnerBlobs,
    edits: trace.txns.length,
    seed,
  });
} finally {
  await context?.close();
  await server?.close();
  await rm(workDir, { recursive: true, force: true });
}

/** Loads (or reloads) the page and waits for its API (so `window.coldOpen!` holds after it). */
async function load(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.coldOpen !== undefined);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}
