import { describe, expect, it } from 'vitest';
import { describedBy } from '$lib/ui/forms/describedBy';
import { describeWorkspaceError } from '$lib/ui/forms/describeWorkspaceError';
import { caretAfterChange } from '$lib/ui/text/caretAfterChange';
import type { WorkspaceErrorCode } from '$lib/workspace';

describe('describedBy', () => {
  it('names the hint and the error a field shows, or nothing', () => {
    expect(describedBy('t', {})).toBeUndefined();
    expect(describedBy('t', { hint: 'h' })).toBe('t-hint');
    expect(describedBy('t', { error: 'e' })).toBe('t-error');
    expect(describedBy('t', { hint: 'h', error: 'e' })).toBe('t-hint t-error');
  });
});

describe('describeWorkspaceError', () => {
  const codes: WorkspaceErrorCode[] = [
    'WORKSPACE_CLOSED',
    'NOT_INITIALISED',
    'TITLE_REQUIRED',
    'INVALID_DATE',
    'INVALID_TIME_ZONE',
    'ROLE_TAKEN',
    'NOT_FOUND',
  ];

  it('gives a distinct plain sentence for each code, never the code itself', () => {
    const sentences = codes.map((code) => describeWorkspaceError(code));
    for (const [index, sentence] of sentences.entries()) {
      expect(sentence).not.toContain(codes[index]);
      expect(sentence).toMatch(/^[A-Z].*\.$/);
    }
    expect(new Set(sentences).size).toBe(codes.length);
  });
});

describe('caretAfterChange', () => {
  it('keeps a caret before the partner’s edit where it was', () => {
    expect(caretAfterChange({ before: 'hello world', after: 'hello big world', offset: 3 })).toBe(
      3,
    );
  });

  it('moves a caret after the partner’s edit by the change in length', () => {
    expect(caretAfterChange({ before: 'abc', after: 'XXabc', offset: 2 })).toBe(4);
    expect(caretAfterChange({ before: 'hello world', after: 'hello world', offset: 5 })).toBe(5);
    expect(caretAfterChange({ before: 'one two three', after: 'one three', offset: 12 })).toBe(8);
  });

  it('puts a caret inside a replaced span at the end of the new text', () => {
    expect(caretAfterChange({ before: 'a bcd e', after: 'a XY e', offset: 3 })).toBe(4);
  });

  it('clamps an offset beyond the text; text the partner adds at the caret goes after it', () => {
    expect(caretAfterChange({ before: 'ab', after: 'abc', offset: 99 })).toBe(2);
    expect(caretAfterChange({ before: 'ab', after: 'ab', offset: -4 })).toBe(0);
  });
});
