import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import DueLine from '$lib/ui/overview/DueLine.svelte';
import { formatDay } from '$lib/ui/time/formatDay';

describe('DueLine', () => {
  it('shows a due day as a date, with no time of day', () => {
    const due = { dueDate: '2026-12-18', overdue: false, basis: 'term-start' } as const;
    const { body } = render(DueLine, { props: { label: 'Next session due', due } });
    expect(body).toContain(`<time datetime="2026-12-18">${formatDay('2026-12-18')}</time>`);
    expect(body).not.toMatch(/\d{1,2}:\d{2}/);
    expect(body).not.toContain('Overdue');
  });
});
