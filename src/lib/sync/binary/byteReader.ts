// A bounds-checked reader for the engine's own small binary formats (update and snapshot
// payloads, sync files). It mirrors lib0's encoding (varuint: 7 bits per byte, little end
// first; var-bytes and var-strings prefixed by their varuint length) but never reads past its
// input, never accepts more than 53-bit integers and reports failure instead of throwing.

/** A cursor over untrusted bytes; every read returns `undefined` once anything is wrong. */
export interface ByteReader {
  varUint(): number | undefined;
  bytes(length: number): Uint8Array | undefined;
  varBytes(): Uint8Array | undefined;
  varString(): string | undefined;
  /** Whether every byte was read. */
  done(): boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A reader over `input`.
 *
 * @example
 *   const reader = createByteReader(bytes);
 *   const count = reader.varUint();
 *   if (count === undefined || !reader.done()) return { ok: false, code: 'MALFORMED' };
 */
export function createByteReader(input: Uint8Array): ByteReader {
  let pos = 0;
  const bytes = (length: number): Uint8Array | undefined => {
    if (!Number.isSafeInteger(length) || length < 0 || pos + length > input.length) {
      return undefined;
    }
    const out = input.subarray(pos, pos + length);
    pos += length;
    return out;
  };
  const varUint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 53; shift += 7) {
      const byte = input[pos];
      if (byte === undefined) return undefined;
      pos += 1;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return Number.isSafeInteger(value) ? value : undefined;
    }
    return undefined;
  };
  return {
    varUint,
    bytes,
    varBytes: () => {
      const length = varUint();
      return length === undefined ? undefined : bytes(length);
    },
    varString: () => {
      const length = varUint();
      const raw = length === undefined ? undefined : bytes(length);
      if (!raw) return undefined;
      try {
        return utf8.decode(raw);
      } catch {
        return undefined;
      }
    },
    done: () => pos === input.length,
  };
}
