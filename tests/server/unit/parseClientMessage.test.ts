import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseClientMessage } from '../../../sync-server/parseClientMessage';
import { fakeBlob, syncMessage } from '../support/relayTestKit';

function update(): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<Uint8Array>('log').push([fakeBlob(1)]);
  return Y.encodeStateAsUpdate(doc);
}

describe('parseClientMessage', () => {
  it('accepts the four messages a y-websocket client sends', () => {
    const oneUpdate = update();
    expect(parseClientMessage(syncMessage.step1())).toEqual({ ok: true, kind: 'sync-step-1' });
    expect(parseClientMessage(syncMessage.step2(update()))).toMatchObject({
      ok: true,
      kind: 'sync-step-2',
    });
    expect(parseClientMessage(syncMessage.update(oneUpdate))).toMatchObject({
      ok: true,
      kind: 'update',
      update: oneUpdate,
    });
    expect(parseClientMessage(syncMessage.awareness(1, 2, { name: 'a' }))).toEqual({
      ok: true,
      kind: 'awareness',
      entries: 1,
    });
  });

  it.each([
    ['empty', new Uint8Array([]), 'EMPTY'],
    ['an unknown type', new Uint8Array([2, 0]), 'UNKNOWN_TYPE'],
    ['an unknown sync step', new Uint8Array([0, 3, 1, 0]), 'UNKNOWN_TYPE'],
    ['a length past the end', new Uint8Array([0, 2, 9, 1, 2]), 'TRUNCATED'],
    ['a varint past 2^53', new Uint8Array(12).fill(0xff), 'EMPTY'],
    ['trailing bytes', new Uint8Array([...syncMessage.step1(), 0]), 'TRAILING_BYTES'],
    ['a bad state vector', new Uint8Array([0, 0, 2, 5, 0x80]), 'BAD_STATE_VECTOR'],
    ['a bad update', new Uint8Array([0, 2, 3, 1, 1, 0xff]), 'BAD_UPDATE'],
    ['awareness with bad JSON', new Uint8Array([1, 5, 1, 1, 1, 1, 0x7b]), 'BAD_AWARENESS'],
    ['awareness with too many entries', new Uint8Array([1, 2, 0xc8, 0x01]), 'BAD_AWARENESS'],
  ])('refuses %s', (_name, bytes, code) => {
    expect(parseClientMessage(bytes)).toEqual({ ok: false, code });
  });

  it('refuses every truncation of a valid update', () => {
    const message = syncMessage.update(update());
    for (let length = 0; length < message.length; length++) {
      expect(parseClientMessage(message.subarray(0, length)).ok).toBe(false);
    }
  });

  it('never reads past the payload into the rest of the buffer', () => {
    // The payload claims 1 byte; the real update follows it in the same buffer.
    const inner = update();
    const buffer = new Uint8Array([0, 2, 1, ...inner]);
    expect(parseClientMessage(buffer.subarray(0, 4)).ok).toBe(false);
  });
});
