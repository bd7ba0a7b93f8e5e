import * as Y from 'yjs';

/**
 * A message a y-websocket client may send, checked down to the last byte:
 *   sync step 1  = 0, 0, varBytes(state vector)
 *   sync step 2  = 0, 1, varBytes(update)
 *   sync update  = 0, 2, varBytes(update)
 *   awareness    = 1, varBytes(awareness update)
 */
export type ClientMessage =
  | { ok: true; kind: 'sync-step-1' }
  | { ok: true; kind: 'sync-step-2' | 'update'; update: Uint8Array }
  | { ok: true; kind: 'awareness'; entries: number };

export type MessageErrorCode =
  | 'EMPTY'
  | 'UNKNOWN_TYPE'
  | 'TRUNCATED'
  | 'TRAILING_BYTES'
  | 'BAD_STATE_VECTOR'
  | 'BAD_UPDATE'
  | 'BAD_AWARENESS';

export type ParsedMessage = ClientMessage | { ok: false; code: MessageErrorCode };

/** More awareness entries than this in one message is not a browser tab talking. */
const MAX_AWARENESS_ENTRIES = 64;

/**
 * Parses one client message at the trust boundary, before `@y/websocket-server` sees it. Yjs
 * payloads are decoded in full (`Y.decodeUpdate`), so a message that would throw half-way
 * through `Y.applyUpdate` is refused whole instead.
 *
 * @example
 * const parsed = parseClientMessage(bytes);
 * if (!parsed.ok) ws.close(1007, parsed.code);
 */
export function parseClientMessage(bytes: Uint8Array): ParsedMessage {
  const reader = createReader(bytes);
  const type = reader.varUint();
  if (type === undefined) return { ok: false, code: 'EMPTY' };
  if (type === 0) return parseSync(reader);
  if (type === 1) return parseAwareness(reader);
  return { ok: false, code: 'UNKNOWN_TYPE' };
}

function parseSync(reader: Reader): ParsedMessage {
  const step = reader.varUint();
  const view = reader.varBytes();
  if (step === undefined || view === undefined) return { ok: false, code: 'TRUNCATED' };
  // A copy with a buffer of its own: lib0's decoders trust lengths and read through views, so a
  // lying length inside the payload must find nothing beyond it.
  const payload = view.slice();
  if (!reader.atEnd()) return { ok: false, code: 'TRAILING_BYTES' };
  if (step === 0) {
    return attempt(() => Y.decodeStateVector(payload))
      ? { ok: true, kind: 'sync-step-1' }
      : { ok: false, code: 'BAD_STATE_VECTOR' };
  }
  if (step === 1 || step === 2) {
    if (!attempt(() => Y.decodeUpdate(payload))) return { ok: false, code: 'BAD_UPDATE' };
    return { ok: true, kind: step === 1 ? 'sync-step-2' : 'update', update: payload };
  }
  return { ok: false, code: 'UNKNOWN_TYPE' };
}

function parseAwareness(reader: Reader): ParsedMessage {
  const payload = reader.varBytes();
  if (payload === undefined) return { ok: false, code: 'TRUNCATED' };
  if (!reader.atEnd()) return { ok: false, code: 'TRAILING_BYTES' };
  const inner = createReader(payload);
  const entries = inner.varUint();
  if (entries === undefined || entries > MAX_AWARENESS_ENTRIES) {
    return { ok: false, code: 'BAD_AWARENESS' };
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < entries; i++) {
    const clientId = inner.varUint();
    const clock = inner.varUint();
    const state = inner.varBytes();
    if (clientId === undefined || clock === undefined || state === undefined) {
      return { ok: false, code: 'BAD_AWARENESS' };
    }
    if (!attempt(() => JSON.parse(decoder.decode(state)))) {
      return { ok: false, code: 'BAD_AWARENESS' };
    }
  }
  if (!inner.atEnd()) return { ok: false, code: 'BAD_AWARENESS' };
  return { ok: true, kind: 'awareness', entries };
}

function attempt(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}

interface Reader {
  /** A lib0 variable-length unsigned integer, or undefined if cut short or past 2^53. */
  varUint(): number | undefined;
  /** A length-prefixed byte string, or undefined if the length runs past the end. */
  varBytes(): Uint8Array | undefined;
  atEnd(): boolean;
}

function createReader(bytes: Uint8Array): Reader {
  let pos = 0;
  const varUint = () => {
    let value = 0;
    let scale = 1;
    while (pos < bytes.length) {
      const byte = bytes[pos++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (value > Number.MAX_SAFE_INTEGER) return undefined;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    return undefined;
  };
  return {
    varUint,
    varBytes() {
      const length = varUint();
      if (length === undefined || length > bytes.length - pos) return undefined;
      const view = bytes.subarray(pos, pos + length);
      pos += length;
      return view;
    },
    atEnd: () => pos === bytes.length,
  };
}
