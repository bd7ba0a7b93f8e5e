// What the cold-open driver (Node, Playwright) and its page (the browser bundle) say to each
// other. The page installs `window.coldOpen`; the driver calls it through `page.evaluate`.
import type { EngineSettings } from '$lib/sync';

/** The engine settings of every open in the benchmark (see seedWorkspace.ts for why). */
export const COLD_OPEN_SETTINGS: Partial<EngineSettings> = { compactAfter: 1_000 };

/** Paths the page server answers. */
export const PAGE_PATHS = {
  page: '/',
  script: '/page.js',
  /** The trace's transactions, `{ endContent, txns }` as JSON. */
  trace: '/trace.json',
  /** The trace's end content, as text. */
  endContent: '/end-content.txt',
  /** The inner doc's state after seeding (PUT by the page once, GET for the baseline). */
  state: '/state.bin',
} as const;

/** The result of seeding IndexedDB. */
export interface SeedResult {
  workspaceId: string;
  /** Bytes of `Y.encodeStateAsUpdate(innerDoc)` once seeded. */
  stateBytes: number;
  /** Entries in the outer log (the snapshot, the partner's blobs; deleted ones excluded). */
  logEntries: number;
  snapshotBytes: number;
  partnerBlobs: number;
  partnerBlobBytes: number;
  seconds: number;
}

/** Which of the two is timed first within one page load. */
export type RunOrder = 'trellis-first' | 'baseline-first';

/** One measured page load. */
export interface MeasureResult {
  trellisMs: number;
  baselineMs: number;
  order: RunOrder;
  /** Blobs the engine opened (verified and decrypted) while opening. */
  opened: number;
}

/** Where an open's time goes, step by step (milliseconds), and the sizes involved. */
export interface ProfileResult {
  steps: Record<string, number>;
  sizes: Record<string, number>;
}

/** The page's API. */
export interface ColdOpenApi {
  seed(input: { partnerBlobs: number; seed: number }): Promise<SeedResult>;
  measure(input: { workspaceId: string; order: RunOrder }): Promise<MeasureResult>;
  profile(input: { workspaceId: string }): Promise<ProfileResult>;
}

declare global {
  interface Window {
    coldOpen?: ColdOpenApi;
  }
}
