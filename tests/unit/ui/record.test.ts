import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import {
  agreementRecord,
  listAvailability,
  listPeople,
  listSignedAgreementVersions,
  readClosureRecord,
} from '$lib/workspace';
import RecordAgreement from '$lib/ui/record/RecordAgreement.svelte';
import RecordAvailability from '$lib/ui/record/RecordAvailability.svelte';
import RecordClosure from '$lib/ui/record/RecordClosure.svelte';
import { markdownFixture, signNow } from '../workspace/export/markdownFixture';
import { currentHash } from '../workspace/support/agreementHash';
import { createPairDoc, MENTEE, MENTOR } from '../workspace/support/pairDoc';

const NAMES: Record<string, string> = { [MENTOR]: 'Ben', [MENTEE]: 'Ana' };
const nameOf = (personId: string) => NAMES[personId] ?? 'Someone';
const text = (html: string) =>
  html
    .replace(/<!--[^>]*-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

// The printable record, rendered on the server from the same workspace as the Markdown export:
// both say the same about a changed agreement and the closure.
describe('the printable record', () => {
  it('says the agreement changed since Ana signed, and prints the text she signed', () => {
    const doc = markdownFixture();
    const [v1, v2] = listSignedAgreementVersions(doc).map((version) =>
      version.contentHash.slice(0, 12),
    );
    const record = agreementRecord(doc, currentHash(doc));
    const { body } = render(RecordAgreement, {
      props: { record, nameOf, timeZone: 'Europe/Berlin' },
    });
    const shown = text(body);
    expect(shown).toContain(
      'Changed since signed: the text below is not what Ana signed. The signed text follows the signatures.',
    );
    const signatures = [...body.matchAll(/<li>([\s\S]*?)<\/li>/g)]
      .map((match) => text(match[1] ?? '').trim())
      .filter((line) => line.includes(' signed version '));
    expect(signatures).toHaveLength(3);
    expect(signatures[1]).toMatch(
      new RegExp(`^Ana signed version 1 \\(${v1}\\) on .+: not the text above \\(see below\\)$`),
    );
    expect(signatures[2]).toMatch(
      new RegExp(`^Ben signed version 2 \\(${v2}\\) on .+: the text above$`),
    );
    const earlier = shown.slice(shown.indexOf(`Version 1 (${v1}), as Ben and Ana signed it`));
    expect(earlier.length).toBeLessThan(shown.length);
    // Version 1 had no meetings text; the current one has.
    expect(earlier).toContain('How often and how long we meet — ');
    expect(shown.slice(0, shown.indexOf('Signatures'))).toContain('Tuesdays at five');
  });

  it('says nothing changed when both signed the text as it reads', () => {
    const doc = createPairDoc();
    signNow(doc, MENTOR, '2025-01-07T10:00:00.000Z');
    signNow(doc, MENTEE, '2025-01-07T11:00:00.000Z');
    const record = agreementRecord(doc, currentHash(doc));
    const { body } = render(RecordAgreement, { props: { record, nameOf, timeZone: 'UTC' } });
    expect(body).not.toContain('record-changed-since-signed');
    expect(body).not.toContain('record-earlier-version');
    expect(text(body).match(/: the text above/g)).toHaveLength(2);
  });

  it('keeps why closing was proposed, and who closed', () => {
    const closure = readClosureRecord(markdownFixture());
    const shown = text(
      render(RecordClosure, { props: { closure, nameOf, timeZone: 'Europe/Berlin' } }).body,
    );
    expect(shown).toContain('Ana proposed closing on');
    expect(shown).toContain('Why: New job, less time.');
    expect(shown).toContain('Thank you!');
    expect(shown).toContain('Closed by Ben on');
  });

  it('lists each person’s availability and quiet hours', () => {
    const doc = markdownFixture();
    const people = listPeople(doc).map((person) => ({
      person,
      availability: listAvailability(doc, person.personId),
    }));
    const shown = text(render(RecordAvailability, { props: { people } }).body);
    expect(shown).toContain(
      'Ana, on their own clock (Asia/Kathmandu): available Tuesday 17:00–19:00; quiet hours Friday 22:00–07:00',
    );
    expect(shown).toContain(
      'Ben, on their own clock (Europe/Berlin): available none; quiet hours none',
    );
  });
});
