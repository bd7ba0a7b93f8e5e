import { describe, expect, it } from 'vitest';
import { exportWorkspaceMarkdown } from '$lib/workspace';
import { escapeMarkdown, inlineMarkdown, markdownBlock } from '$lib/workspace/export/markdownText';
import { createPairDoc } from '../support/pairDoc';
import { markdownFixture } from './markdownFixture';

describe('exportWorkspaceMarkdown', () => {
  it('writes the golden record of a closed workspace', () => {
    const expected = [
      '# Ana & Ben',
      '',
      'Times in Europe/Berlin.',
      '',
      '## People',
      '',
      '- Mentor: Ben (Europe/Berlin)',
      '- Mentee: Ana (Asia/Kathmandu)',
      '',
      '## Agreement',
      '',
      '- Term: 2025-01-06 to 2025-07-06',
      '- Meetings: every 2 weeks, 60 minutes',
      '- Check-ins: every week',
      '- Review: every 4 sessions',
      '- Channels: video, chat',
      '- Response time: 48 hours',
      '',
      '### Purpose',
      '',
      'Grow as a \\*field\\* researcher.',
      '',
      'Second paragraph \\<b\\>.',
      '',
      '### What the mentor commits to',
      '',
      '_(empty)_',
      '',
      '### What the mentee commits to',
      '',
      '_(empty)_',
      '',
      '### How often and how long we meet',
      '',
      '_(empty)_',
      '',
      '### How we reach each other',
      '',
      '_(empty)_',
      '',
      '### Expected response times',
      '',
      '_(empty)_',
      '',
      '### Times not to contact each other',
      '',
      '_(empty)_',
      '',
      '### Confidentiality',
      '',
      '_(empty)_',
      '',
      '### How we give feedback',
      '',
      '_(empty)_',
      '',
      '### Term',
      '',
      '_(empty)_',
      '',
      '### How either of us may end it',
      '',
      '_(empty)_',
      '',
      '### Signatures',
      '',
      '- Ben signed version `hash-of-version-` on 2025-01-07 11:00',
      '',
      '## Goals',
      '',
      '### Publish \\[a\\] paper',
      '',
      '- Status: active, progress 50 %',
      '- Specific: Soil data',
      '- Measurable: papers (1 of 2)',
      '- Achievable: Data ready',
      '- Relevant: PhD',
      '- Target date: 2025-09-30',
      '- [x] Outline',
      '- [ ] Draft (due 2025-04-01)',
      '',
      '## Sessions',
      '',
      '### 2025-03-10 18:00, 60 min: Kick-off',
      '',
      'Agenda:',
      '',
      '- [ ] \\# Draft feedback',
      '',
      'Notes:',
      '',
      'Line one\\',
      'Line two',
      '',
      'Action items:',
      '',
      '- [ ] Send list (Ben, due 2025-03-14)',
      '',
      'Reflection by Ana: useful: Outline; try next: Timebox',
      '',
      '## Other action items',
      '',
      '- [ ] Book room (Ana)',
      '',
      '## Feedback',
      '',
      '- 2025-03-10 20:05, Ana to Ben: keep: Examples; change: More \\| time',
      '',
      '## Reviews',
      '',
      '### Review of 2025-04-01 12:00',
      '',
      '- Ana: partly; change: Shorter',
      '',
      'Agreed changes:',
      '',
      '_(empty)_',
      '',
      '## Check-ins',
      '',
      '| When | Who | Mood | Workload | Blockers | Note |',
      '| --- | --- | --- | --- | --- | --- |',
      '| 2025-03-12 09:00 | Ana | 2/5 | 4/5 | Visa | Busy week |',
      '',
      '## Closure',
      '',
      'Closed by Ben on 2025-07-10 14:00.',
      '',
      '### Wrap-up by Ana',
      '',
      '- Most valuable: Feedback',
      '- Learned: Scoping',
      '- Could improve: Nothing',
      '',
    ].join('\n');
    expect(exportWorkspaceMarkdown(markdownFixture(), { timeZone: 'Europe/Berlin' })).toBe(
      expected,
    );
  });

  it('is deterministic and defaults to UTC', () => {
    const doc = markdownFixture();
    const markdown = exportWorkspaceMarkdown(doc);
    expect(markdown).toContain('Times in UTC.');
    expect(markdown).toContain('### 2025-03-10 17:00, 60 min: Kick-off');
    expect(exportWorkspaceMarkdown(doc)).toBe(markdown);
  });

  it('says when a part is empty', () => {
    const markdown = exportWorkspaceMarkdown(createPairDoc());
    expect(markdown).toContain('## Goals\n\n_(none)_');
    expect(markdown).toContain('## Sessions\n\n_(none)_');
    expect(markdown).not.toContain('## Closure');
  });
});

describe('Markdown escaping', () => {
  it('neutralises inline and block syntax', () => {
    expect(escapeMarkdown('[link](http://x) <img src=x> *em* `code` a|b ~s~ &amp; a & b')).toBe(
      '\\[link\\](http://x) \\<img src=x\\> \\*em\\* \\`code\\` a\\|b \\~s\\~ \\&amp; a & b',
    );
    expect(escapeMarkdown('# h\n- item\n+ item\n1. one\n2) two\n== x')).toBe(
      '\\# h\n\\- item\n\\+ item\n1\\. one\n2\\) two\n\\== x',
    );
    expect(escapeMarkdown('a - b 1. c')).toBe('a - b 1. c');
  });

  it('keeps line breaks in blocks and folds them inline', () => {
    expect(markdownBlock('one\r\ntwo  \n\nthree')).toBe('one\\\ntwo\n\nthree');
    expect(markdownBlock('   ')).toBe('_(empty)_');
    expect(inlineMarkdown(' two\n  lines ')).toBe('two lines');
  });
});
