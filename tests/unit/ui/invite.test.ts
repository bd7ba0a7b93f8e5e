import { renderSVG } from 'uqr';
import { describe, expect, it } from 'vitest';
import { describeInvite, isRevocable, type InviteRow } from '$lib/ui/invite/describeInvite';

const NOW = new Date('2025-03-14T12:00:00.000Z');
const invite = (patch: Partial<InviteRow>): InviteRow => ({
  inviteId: 'i1',
  createdAt: '2025-03-12T12:00:00.000Z',
  expiresAt: '2025-03-21T12:00:00.000Z',
  standing: 'open',
  ...patch,
});

describe('describeInvite', () => {
  it('gives each standing its own label, with the times in words', () => {
    expect(describeInvite(invite({}), NOW)).toEqual({
      label: 'Open',
      tone: 'warn',
      detail: 'Created 2 days ago; expires next week.',
    });
    expect(describeInvite(invite({ standing: 'used', usedByName: 'Ben' }), NOW).detail).toContain(
      'Ben joined with it',
    );
    expect(describeInvite(invite({ standing: 'used' }), NOW).detail).toContain('Your partner');
    expect(describeInvite(invite({ standing: 'revoked' }), NOW).label).toBe('Revoked');
    expect(describeInvite(invite({ standing: 'expired' }), NOW).label).toBe('Expired');
  });

  it('reads an open invite past its expiry as expired', () => {
    const late = invite({ expiresAt: '2025-03-13T12:00:00.000Z' });
    expect(describeInvite(late, NOW).label).toBe('Expired');
    expect(describeInvite(late, NOW).detail).toContain('expired yesterday');
  });

  it('survives instants that do not parse', () => {
    const broken = invite({ createdAt: 'x', expiresAt: 'y' });
    expect(describeInvite(broken, NOW).detail).toContain('unknown time');
  });
});

describe('isRevocable', () => {
  it('offers revoking while the link still holds a live key: open or expired, not used', () => {
    expect(isRevocable({ standing: 'open' })).toBe(true);
    expect(isRevocable({ standing: 'expired' })).toBe(true);
    expect(isRevocable({ standing: 'used' })).toBe(false);
    expect(isRevocable({ standing: 'revoked' })).toBe(false);
  });
});

describe('the QR code SVG (rendered with {@html})', () => {
  it('holds only shapes and numbers, never the text it encodes', () => {
    const text = 'https://trellis.test/join#<script>alert(1)</script>"onload="x';
    const svg = renderSVG(text, { border: 4, ecc: 'M' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('script');
    expect(svg).not.toContain('onload');
    const tags = new Set([...svg.matchAll(/<\/?([a-z]+)/g)].map((match) => match[1]));
    expect([...tags].sort()).toEqual(['path', 'rect', 'svg']);
  });
});
