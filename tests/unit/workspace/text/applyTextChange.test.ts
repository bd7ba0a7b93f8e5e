import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange } from '$lib/workspace/text/applyTextChange';
import { newDoc, syncDocs } from '../support/pairDoc';

function textWith(content: string, clientId = 1): { doc: Y.Doc; text: Y.Text } {
  const doc = newDoc(clientId);
  const text = doc.getText('t');
  text.insert(0, content);
  return { doc, text };
}

describe('applyTextChange', () => {
  it('edits only the changed middle', () => {
    const { doc, text } = textWith('Hello world');
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    doc.transact(() => applyTextChange(text, 'Hello brave world'));
    expect(text.toString()).toBe('Hello brave world');
    expect(deltas).toEqual([[{ retain: 6 }, { insert: 'brave ' }]]);
  });

  it('writes nothing when the text is unchanged', () => {
    const { doc, text } = textWith('same');
    let updates = 0;
    doc.on('update', () => updates++);
    applyTextChange(text, 'same');
    expect(updates).toBe(0);
  });

  it('never splits a surrogate pair', () => {
    const { text } = textWith('a😀b');
    applyTextChange(text, 'a😃b');
    expect(text.toString()).toBe('a😃b');
    applyTextChange(text, '😃');
    expect(text.toString()).toBe('😃');
  });

  it('turns any text into any other (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (from, to) => {
        const { text } = textWith(from);
        applyTextChange(text, to);
        return text.toString() === to;
      }),
      { seed: 99, numRuns: 500 },
    );
  });

  it('lets two people edit different parts of the same text while apart', () => {
    const a = textWith('The plan: meet weekly.', 1);
    const b = newDoc(2);
    syncDocs(a.doc, b);
    const bText = b.getText('t');
    applyTextChange(a.text, 'The plan: meet weekly, on Mondays.');
    applyTextChange(bText, 'Our plan: meet weekly.');
    syncDocs(a.doc, b);
    expect(a.text.toString()).toBe('Our plan: meet weekly, on Mondays.');
    expect(bText.toString()).toBe(a.text.toString());
  });
});
