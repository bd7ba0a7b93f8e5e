import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError, notices, reportError } from '$lib/state/notices.svelte';

afterEach(() => {
  notices.items = [];
  vi.restoreAllMocks();
});

describe('the error funnel', () => {
  it('prefers a message written for people', () => {
    expect(describeError({ userMessage: 'This device is out of storage space.' }, 'Saving')).toBe(
      'This device is out of storage space.',
    );
  });

  it('explains a full disk and promises nothing is lost', () => {
    const text = describeError(new DOMException('quota', 'QuotaExceededError'), 'Saving your goal');
    expect(text).toContain('out of storage space');
    expect(text).toContain('Nothing you wrote is lost');
  });

  it('shows a notice and logs only the error name and code, never its message', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = Object.assign(new Error('secret goal: become CTO'), { code: 'BAD_SIGNATURE' });
    reportError(error, 'Opening the pair');
    expect(notices.items).toHaveLength(1);
    expect(notices.items[0]?.tone).toBe('error');
    expect(notices.items[0]?.text).toContain('Opening the pair failed');
    const logged = log.mock.calls.flat().join(' ');
    expect(logged).toContain('BAD_SIGNATURE');
    expect(logged).not.toContain('secret goal');
  });

  it('dismisses a notice by id', () => {
    const id = notices.show('info', 'Saved');
    notices.dismiss(id);
    expect(notices.items).toEqual([]);
  });
});
