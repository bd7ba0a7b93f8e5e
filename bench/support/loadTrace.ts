// Reads an editing trace from `../shared/traces/` (the folder beside the repository on the
// project's machine). A user's clone has no `shared/`, so a missing trace is an expected result
// the benchmark reports, not a crash. The file is parsed as untrusted input: the shape is
// checked before anything is applied.
//
// Traces: josephg/editing-traces, editing traces by Joseph Gentle and contributors, CC BY 4.0.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { EditingTrace, TracePatch, TraceTxn } from './applyTraceTxn';

/** Where the benchmarks look for traces: `<repo>/../shared/traces`. */
export const TRACES_DIR = resolve(import.meta.dirname, '../../../shared/traces');

/** The attribution every benchmark that uses a trace prints with it. */
export const TRACE_ATTRIBUTION =
  'editing traces by Joseph Gentle and contributors (josephg/editing-traces), CC BY 4.0';

/** Why a trace could not be loaded. */
export type LoadTraceError = 'TRACE_MISSING' | 'TRACE_MALFORMED';

/**
 * Loads `<TRACES_DIR>/<name>.json.gz`.
 *
 * @example
 *   const loaded = await loadTrace('sveltecomponent');
 *   if (!loaded.ok) console.error(loaded.code, loaded.path);
 */
export async function loadTrace(
  name: string,
): Promise<
  | { ok: true; trace: EditingTrace; path: string }
  | { ok: false; code: LoadTraceError; path: string }
> {
  const path = resolve(TRACES_DIR, `${name}.json.gz`);
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    return { ok: false, code: 'TRACE_MISSING', path };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(raw).toString('utf8'));
  } catch {
    return { ok: false, code: 'TRACE_MALFORMED', path };
  }
  const trace = parseTrace(parsed);
  return trace ? { ok: true, trace, path } : { ok: false, code: 'TRACE_MALFORMED', path };
}

/**
 * Loads a trace or ends the process with a message saying what is missing and why (exit 2).
 *
 * @example
 *   const trace = await requireTrace('automerge-paper');
 */
export async function requireTrace(name: string): Promise<EditingTrace> {
  const loaded = await loadTrace(name);
  if (loaded.ok) return loaded.trace;
  const why =
    loaded.code === 'TRACE_MISSING'
      ? 'is not there. The traces live in the shared folder beside the repository on the ' +
        "project's machine; a fresh clone has none, so this benchmark cannot run there"
      : 'is not a gzipped editing trace ({ startContent, endContent, txns: [{ patches }] })';
  console.error(`The trace ${loaded.path} ${why}.`);
  process.exit(2);
}

function parseTrace(value: unknown): EditingTrace | undefined {
  if (!isRecord(value)) return undefined;
  const { startContent, endContent, txns } = value;
  if (typeof startContent !== 'string' || typeof endContent !== 'string') return undefined;
  if (!Array.isArray(txns)) return undefined;
  const parsedTxns: TraceTxn[] = [];
  for (const txn of txns as unknown[]) {
    if (!isRecord(txn) || !Array.isArray(txn.patches)) return undefined;
    const patches: TracePatch[] = [];
    for (const patch of txn.patches as unknown[]) {
      if (!isPatch(patch)) return undefined;
      patches.push(patch);
    }
    parsedTxns.push({ patches });
  }
  // Every benchmark starts from an empty text: a non-empty start becomes a first paste.
  if (startContent.length > 0) parsedTxns.unshift({ patches: [[0, 0, startContent]] });
  return { startContent: '', endContent, txns: parsedTxns };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPatch(value: unknown): value is TracePatch {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [position, deleted, inserted] = value as unknown[];
  return (
    Number.isSafeInteger(position) &&
    Number.isSafeInteger(deleted) &&
    (position as number) >= 0 &&
    (deleted as number) >= 0 &&
    typeof inserted === 'string'
  );
}
