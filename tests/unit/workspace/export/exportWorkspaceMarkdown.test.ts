import { describe, expect, it } from 'vitest';
import {
  agreementSignatureState,
  canonicalAgreementBytes,
  closeWorkspace,
  exportWorkspaceMarkdown,
  listSignedAgreementVersions,
  recordAgreementSignature,
  requestClosure,
  setAgreementSection,
} from '$lib/workspace';
import { rootMap } from '$lib/workspace/docShape';
import { escapeMarkdown, inlineMarkdown, markdownBlock } from '$lib/workspace/export/markdownText';
import { currentHash } from '../support/agreementHash';
import { createPairDoc, expectOk, MENTEE, MENTOR } from '../support/pairDoc';
import { markdownFixture, signNow } from './markdownFixture';

/** Each titled section, empty, as the export writes it. */
function emptySections(heading: string, titles: string[]): string[] {
  return titles.flatMap((title) => [`${heading} ${title}`, '', '_(empty)_', '']);
}

const TERMS = [
  '- Term: 2025-01-06 to 2025-07-06',
  '- Meetings: every 2 weeks, 60 minutes',
  '- Check-ins: every week',
  '- Review: every 4 sessions',
  '- Channels: video, chat',
  '- Response time: 48 hours',
  '',
];

const AFTER_MEETINGS = [
  'How we reach each other',
  'Expected response times',
  'Times not to contact each other',
  'Confidentiality',
  'How we give feedback',
  'Term',
  'How either of us may end it',
];

describe('exportWorkspaceMarkdown', () => {
  it('writes the golden record of a closed workspace', () => {
    const doc = markdownFixture();
    const [v1, v2] = listSignedAgreementVersions(doc).map((version) =>
      version.contentHash.slice(0, 12),
    );
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
      '## Availability',
      '',
      '- Ana, on their own clock (Asia/Kathmandu): available Tuesday 17:00\u201319:00; quiet hours Friday 22:00\u201307:00',
      '',
      '## Agreement',
      '',
      '**Changed since signed:** the text below is not what Ana signed. The signed text follows the signatures.',
      '',
      ...TERMS,
      '### Purpose',
      '',
      'Grow as a \\*field\\* researcher.',
      '',
      'Second paragraph \\<b\\>.',
      '',
      ...emptySections('###', ['What the mentor commits to', 'What the mentee commits to']),
      '### How often and how long we meet',
      '',
      'Tuesdays at five; we tell each other a day ahead.',
      '',
      ...emptySections('###', AFTER_MEETINGS),
      '### Signatures',
      '',
      `- Ben signed version 1 (\`${v1}\`) on 2025-01-07 11:00: not the text above (see below)`,
      `- Ana signed version 1 (\`${v1}\`) on 2025-01-07 12:00: not the text above (see below)`,
      `- Ben signed version 2 (\`${v2}\`) on 2025-01-08 11:00: the text above`,
      '',
      `### Version 1 (\`${v1}\`), as Ben and Ana signed it`,
      '',
      ...TERMS,
      '#### Purpose',
      '',
      'Grow as a \\*field\\* researcher.',
      '',
      'Second paragraph \\<b\\>.',
      '',
      ...emptySections('####', [
        'What the mentor commits to',
        'What the mentee commits to',
        'How often and how long we meet',
        ...AFTER_MEETINGS,
      ]),
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
      'Ana proposed closing on 2025-07-01 10:00.',
      '',
      'Why:',
      '',
      'New job, less time.\\',
      'Thank you!',
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
    expect(
      exportWorkspaceMarkdown(doc, { timeZone: 'Europe/Berlin', agreementHash: currentHash(doc) }),
    ).toBe(expected);
  });

  it('is deterministic and defaults to UTC', () => {
    const doc = markdownFixture();
    const markdown = exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) });
    expect(markdown).toContain('Times in UTC.');
    expect(markdown).toContain('### 2025-03-10 17:00, 60 min: Kick-off');
    expect(exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) })).toBe(markdown);
  });

  it('says when a part is empty', () => {
    const doc = createPairDoc();
    const markdown = exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) });
    expect(markdown).toContain('## Goals\n\n_(none)_');
    expect(markdown).toContain('## Sessions\n\n_(none)_');
    expect(markdown).not.toContain('## Closure');
    expect(markdown).not.toContain('## Availability');
  });
});

describe('the closure in the export', () => {
  it('keeps why closing was proposed, before and after closing', () => {
    const doc = createPairDoc();
    const at = new Date('2025-07-01T08:00:00Z');
    expectOk(requestClosure(doc, { by: MENTEE, reason: 'Term is over', at }));
    const pending = exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) });
    expect(pending).toContain(
      '## Closure\n\nAna proposed closing on 2025-07-01 08:00.\n\nWhy:\n\nTerm is over\n',
    );
    expectOk(closeWorkspace(doc, { by: MENTOR, reason: 'Both agreed: *done*', at }));
    const closed = exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) });
    expect(closed).toContain(
      'Why:\n\nBoth agreed: \\*done\\*\n\nClosed by Ben on 2025-07-01 08:00.',
    );
  });
});

describe('the agreement in the export', () => {
  it('says nothing changed when everyone signed the text as it reads', () => {
    const doc = createPairDoc();
    expectOk(setAgreementSection(doc, { by: MENTOR, key: 'purpose', text: 'Grow.' }));
    signNow(doc, MENTOR, '2025-01-07T10:00:00.000Z');
    signNow(doc, MENTEE, '2025-01-07T11:00:00.000Z');
    const markdown = exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) });
    expect(markdown).not.toContain('Changed since signed');
    expect(markdown).not.toContain('### Version');
    expect(markdown.match(/: the text above$/gm)).toHaveLength(2);
  });

  it('names everyone who signed only an earlier text, as the screen does', () => {
    const doc = createPairDoc();
    signNow(doc, MENTOR, '2025-01-07T10:00:00.000Z');
    signNow(doc, MENTEE, '2025-01-07T11:00:00.000Z');
    expectOk(setAgreementSection(doc, { by: MENTEE, key: 'ending', text: 'By telling.' }));
    const hash = currentHash(doc);
    expect(agreementSignatureState(doc, hash).changedSinceSigned).toBe(true);
    const markdown = exportWorkspaceMarkdown(doc, { agreementHash: hash });
    expect(markdown).toContain(
      '**Changed since signed:** the text below is not what Ben and Ana signed.',
    );
    expect(markdown).not.toContain(': the text above');
    // The signed text, not the current one, under the earlier version.
    const earlier = markdown.slice(markdown.indexOf('### Version 1'));
    expect(earlier).toContain('#### How either of us may end it\n\n_(empty)_');
    expect(markdown.slice(0, markdown.indexOf('### Signatures'))).toContain('By telling.');
  });

  it('lists a signature whose signed text is not kept', () => {
    const doc = createPairDoc();
    const content = canonicalAgreementBytes(doc);
    expectOk(
      recordAgreementSignature(doc, {
        personId: MENTOR,
        contentHash: 'not-kept-0123456789',
        signature: 'sig',
        publicKey: 'key',
        signedAt: '2025-01-07T10:00:00.000Z',
        content,
      }),
    );
    rootMap(doc, 'agreementVersions').delete('not-kept-0123456789');
    const markdown = exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) });
    expect(markdown).toContain(
      '- Ben signed version `not-kept-012` on 2025-01-07 10:00: not the text above, and that text is not kept',
    );
    expect(markdown).toContain('the text below is not what Ben signed');
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
