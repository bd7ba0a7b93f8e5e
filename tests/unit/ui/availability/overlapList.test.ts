import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { OverlapSpan, PartnerAvailability } from '$lib/workspace';
import OverlapList from '$lib/ui/availability/OverlapList.svelte';
import { formatInstant } from '$lib/ui/time/formatDay';

const SPAN: OverlapSpan = {
  start: '2026-12-07T08:00:00.000Z',
  end: '2026-12-07T09:00:00.000Z',
  minutes: 60,
};

function shown(partner: PartnerAvailability): string {
  return render(OverlapList, {
    props: { spans: [SPAN], timeZone: 'UTC', partnerClock: undefined, partner },
  }).body;
}

describe('OverlapList', () => {
  it('says nothing has come from the partner yet instead of presenting the overlap as final', () => {
    const body = shown({ kind: 'no-partner' });
    expect(body).toContain('Nothing received from your partner yet');
    expect(body).toContain('data-testid="overlap"');
  });

  it('says the partner has not shared availability yet', () => {
    const body = shown({ kind: 'not-shared', partnerName: 'Ana', lastSeenAt: undefined });
    expect(body).toContain('Ana has not shared availability yet');
  });

  it("says when the partner's availability was last received", () => {
    const lastSeenAt = '2026-12-04T18:00:00.000Z';
    const body = shown({ kind: 'shared', partnerName: 'Ana', lastSeenAt });
    expect(body).toContain('Ana’s availability as last received');
    expect(body).toContain(formatInstant(lastSeenAt, 'UTC'));
  });
});
