/** Bytes to search, and a name that says where they came from. */
export interface Haystack {
  name: string;
  bytes: Uint8Array;
}

/** Something to look for, in every spelling it could take on the wire or on disk. */
export interface Needle {
  label: string;
  spellings: { encoding: string; bytes: Buffer }[];
}

/** Where a needle turned up. */
export interface Hit {
  needle: string;
  encoding: string;
  haystack: string;
}

/**
 * A typed text as a needle: its UTF-8 bytes (what JavaScript, Yjs and JSON write) and its
 * UTF-16LE bytes (what a dump of a JavaScript string in memory would hold).
 *
 * @example
 *   textNeedle('Marigold-7261 fieldwork plan');
 */
export function textNeedle(text: string): Needle {
  return {
    label: text,
    spellings: [
      { encoding: 'utf-8', bytes: Buffer.from(text, 'utf8') },
      { encoding: 'utf-16le', bytes: Buffer.from(text, 'utf16le') },
    ],
  };
}

/**
 * Raw bytes as a needle (a workspace id, a control marker).
 *
 * @example
 *   bytesNeedle('workspace id', Buffer.from(pairId, 'base64url'));
 */
export function bytesNeedle(label: string, bytes: Uint8Array): Needle {
  return { label, spellings: [{ encoding: 'bytes', bytes: Buffer.from(bytes) }] };
}

/**
 * Every place any spelling of any needle occurs in any haystack, by plain byte search.
 *
 * @example
 *   expect(findNeedles({ haystacks: files, needles: typed.map(textNeedle) })).toEqual([]);
 */
export function findNeedles(input: {
  haystacks: readonly Haystack[];
  needles: readonly Needle[];
}): Hit[] {
  const hits: Hit[] = [];
  for (const haystack of input.haystacks) {
    const bytes = Buffer.from(
      haystack.bytes.buffer,
      haystack.bytes.byteOffset,
      haystack.bytes.byteLength,
    );
    for (const needle of input.needles) {
      for (const spelling of needle.spellings) {
        if (spelling.bytes.length > 0 && bytes.includes(spelling.bytes)) {
          hits.push({ needle: needle.label, encoding: spelling.encoding, haystack: haystack.name });
        }
      }
    }
  }
  return hits;
}
