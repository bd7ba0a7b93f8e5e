import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { calendarDay } from './support/calendarDay';
import { bytesNeedle, findNeedles, textNeedle, type Haystack } from './support/findNeedles';
import { installNetworkSwitch, type NetworkSwitch } from './support/installNetworkSwitch';
import { openPairSection } from './support/openPairSection';
import { readFileTree } from './support/readFileTree';
import { readLevelEntries } from './support/readLevelEntries';
import { recordFrames, type FrameRecorder } from './support/recordFrames';
import { admitJoiner } from './support/admitJoiner';
import { setUpProfile } from './support/setUpProfile';
import { typeAtEdge } from './support/typeAtEdge';

/*
 * Issue 5, end to end: a mentor and a mentee, each in their own browser context, share one pair
 * through the real relay. Both go offline, both edit the same agreement section, goal and
 * session notes, both come back: both must show the same merged content with every edit in it.
 * Both sign, a later edit shows "changed since signed", an offline reload keeps everything, and
 * afterwards nothing that was typed is found in any WebSocket frame or under the relay's
 * DATA_DIR. All typed text is fixed and unique so the scan can look for it; nothing is random.
 */

const MENTOR = { name: 'Ben Okafor', role: 'mentor', timeZone: 'Europe/Berlin' } as const;
const MENTEE = { name: 'Ana Shrestha', role: 'mentee', timeZone: 'Asia/Kathmandu' } as const;

/** Typed while both are online, before the mentee joins. */
const START = {
  pairTitle: 'Juniper-3318 watershed mentoring',
  purpose: 'Marigold-7261 fieldwork plan for the valley survey.',
  goalTitle: 'Kestrel-5904 survey report',
  goalSpecific: 'Obsidian-8127 draft the methods chapter.',
  sessionTitle: 'Larkspur-4482 sampling review',
  notes: 'Wolfberry-3760 bring the census list.',
};

/** Typed by the mentor while offline: at the start of each shared text. */
const MENTOR_OFFLINE = {
  purpose: 'Saffron-1473 safety briefing before any fieldwork. ',
  goalTitle: 'Heron-7712 survey report for the district office',
  goalSpecific: 'Cardamom-5318 one chapter a month: ',
  goalMetric: 'Hornbeam-2291 chapters drafted',
  notes: 'Amberjack-5127 agenda agreed by message. ',
};

/** Typed by the mentee while offline: at the end of each shared text. */
const MENTEE_OFFLINE = {
  purpose: ' Tupelo-9036 with two field sites in the hills.',
  goalTitle: 'Osprey-2685 survey report for the regional meeting',
  goalSpecific: ' Nightjar-8843 reviewed by both of us.',
  goalRelevant: 'Quillwort-6650 needed for the grant renewal',
  notes: ' Vetiver-4419 ask about permits first.',
};

/** Typed by the mentee after both signed. */
const AFTER_SIGNING = ' Vervain-2209 we meet on Tuesdays at five.';

/** The merged texts: each side typed at a different end, so the merge has one right answer. */
const MERGED = {
  purpose: MENTOR_OFFLINE.purpose + START.purpose + MENTEE_OFFLINE.purpose,
  goalSpecific: MENTOR_OFFLINE.goalSpecific + START.goalSpecific + MENTEE_OFFLINE.goalSpecific,
  goalMetric: MENTOR_OFFLINE.goalMetric,
  goalRelevant: MENTEE_OFFLINE.goalRelevant,
  notes: MENTOR_OFFLINE.notes + START.notes + MENTEE_OFFLINE.notes,
};

/**
 * Everything either person typed into the app; none of it may reach the relay readable. (The
 * scan adds the invite's fragment and the rendezvous secret it carries.)
 */
const TYPED = [
  MENTOR.name,
  MENTEE.name,
  ...Object.values(START),
  ...Object.values(MENTOR_OFFLINE),
  ...Object.values(MENTEE_OFFLINE),
  AFTER_SIGNING.trim(),
];

/** Planted in DATA_DIR before the scan (and removed after) to prove the scan finds text. */
const CONTROL_UTF8 = 'Control-0451 planted in DATA_DIR as UTF-8';
const CONTROL_UTF16 = 'Control-0452 planted in DATA_DIR as UTF-16LE';

const WAIT = { timeout: 30_000 };

/**
 * The invite's rendezvous secret, read from its link: version 2 of the invite layout
 * (src/lib/sync/invite/inviteOfferLayout.ts) is `i2.` and base64url of 90 bytes, the version
 * byte first and the secret at bytes 1–32. The link holds no workspace key and no pair id; the
 * relay sees rooms derived from the secret, never the secret.
 */
function inviteSecretOf(invite: string, pairId: string): Buffer {
  const fragment = new URL(invite).hash.slice(1);
  expect(fragment.startsWith('i2.')).toBe(true);
  const bytes = Buffer.from(fragment.slice('i2.'.length), 'base64url');
  expect(bytes).toHaveLength(90);
  expect(bytes[0]).toBe(2);
  expect(bytes.includes(Buffer.from(pairId, 'base64url'))).toBe(false);
  return Buffer.from(bytes.subarray(1, 33));
}

// A server of its own for each test: the test stops it to scan what it left on disk.
let server: ServerProcess;
const contexts: BrowserContext[] = [];

test.beforeEach(async () => {
  server = await startServerProcess();
});
test.afterEach(async () => {
  // Closed here too, so a failing step leaves no browser talking to a stopped server.
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await server.dispose();
});

interface OfflineEdits {
  edge: 'start' | 'end';
  purpose: string;
  goalTitle: string;
  goalSpecific: string;
  goalMetric?: string;
  goalRelevant?: string;
  notes: string;
}

interface Person {
  page: Page;
  wire: FrameRecorder;
  network: NetworkSwitch;
  close: () => Promise<void>;
}

async function openPerson(browser: Browser, timeZone: string): Promise<Person> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: timeZone,
  });
  contexts.push(context);
  const network = await installNetworkSwitch(context);
  const page = await context.newPage();
  return { page, wire: recordFrames(page), network, close: () => context.close() };
}

/** The goal's editor fields (the pair has one goal), opening the editor if it is closed. */
async function goalEditor(page: Page) {
  const card = page.getByTestId('goal-card');
  await expect(card).toHaveCount(1);
  const toggle = card.getByTestId('edit-goal');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(card.getByTestId('goal-editor')).toBeVisible();
  return {
    title: card.getByTestId('edit-goal-title'),
    specific: card.getByTestId('edit-goal-specific'),
    metric: card.getByLabel('Measurable: what you count'),
    relevant: card.getByLabel('Relevant: why it matters now'),
  };
}

/** Open the one session from the Sessions list. */
async function openSession(page: Page): Promise<void> {
  await openPairSection(page, 'Sessions');
  await page.getByRole('link', { name: START.sessionTitle }).click();
  await expect(page.getByTestId('session-heading')).toHaveText(START.sessionTitle);
}

/** Commit a single-line field the way a person does: type, then leave it. */
async function fillAndLeave(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.blur();
}

/** The values of `fields`, read from the page as it shows them now. */
async function readFields(fields: Record<string, Locator>): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) values[name] = await field.inputValue();
  return values;
}

/**
 * The badge says "Synced" with nothing more to say: no change waiting to be sent, no update
 * missing from the partner (a gap), none set aside as damaged.
 */
async function expectSynced(page: Page): Promise<void> {
  const status = page.getByTestId('sync-status');
  await expect(status).toContainText('Synced', WAIT);
  await expect(status).not.toContainText(/waiting|set aside/i, WAIT);
}

const frameHaystacks = (people: Person[]): Haystack[] =>
  people.flatMap((person, who) =>
    person.wire.frames.map((frame, index) => ({
      name: `${who === 0 ? 'mentor' : 'mentee'} frame ${index} (${frame.direction})`,
      bytes: frame.bytes,
    })),
  );

test('two people edit one pair offline, converge, sign, and the relay sees no plaintext', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const mentor = await openPerson(browser, MENTOR.timeZone);
  const mentee = await openPerson(browser, MENTEE.timeZone);
  const tomorrow = calendarDay({ timeZone: MENTOR.timeZone, offsetDays: 1 });
  let pairId = '';
  let invite = '';

  await test.step('the mentor creates the pair, the agreement, a goal and a session', async () => {
    const page = mentor.page;
    await page.goto(server.url);
    await setUpProfile(page, MENTOR);
    await page.getByTestId('pair-title-input').fill(START.pairTitle);
    await page.getByTestId('create-pair-submit').click();
    await expect(page.getByTestId('pair-title')).toHaveText(START.pairTitle);
    pairId = /\/pairs\/([^/?#]+)/.exec(page.url())?.[1] ?? '';
    expect(Buffer.from(pairId, 'base64url')).toHaveLength(16);

    await openPairSection(page, 'Agreement');
    const purpose = page.getByTestId('agreement-section-purpose');
    await purpose.fill(START.purpose);
    await expect(purpose).toHaveValue(START.purpose);

    await openPairSection(page, 'Goals');
    await page.getByTestId('goal-title').fill(START.goalTitle);
    await page.getByTestId('goal-specific').fill(START.goalSpecific);
    await page.getByTestId('add-goal-submit').click();
    await expect(page.getByTestId('goal-card')).toHaveCount(1);

    await openPairSection(page, 'Sessions');
    await page.getByTestId('session-title').fill(START.sessionTitle);
    await page.getByTestId('session-date').fill(tomorrow);
    await page.getByTestId('session-time').fill('10:00');
    await page.getByTestId('schedule-submit').click();
    await expect(page.getByTestId('session-heading')).toHaveText(START.sessionTitle);
    await page.getByTestId('session-notes').fill(START.notes);
    await expectSynced(page);
  });

  await test.step('the mentee joins by the invite link and sees the pair; both see each other', async () => {
    await mentor.page.getByTestId('create-invite').click();
    const link = mentor.page.getByTestId('invite-link');
    await expect(link).toHaveValue(/\/join#.+/);
    invite = await link.inputValue();

    const page = mentee.page;
    await page.goto(invite);
    await expect(page.getByRole('heading', { name: 'Join a pair' })).toBeVisible();
    await setUpProfile(page, MENTEE);
    await admitJoiner(mentor.page, page);
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible(WAIT);
    await expect(page.getByTestId('pair-title')).toHaveText(START.pairTitle, WAIT);
    await expect(page.getByText(`With ${MENTOR.name}, your mentor`)).toBeVisible(WAIT);
    await openPairSection(page, 'Agreement');
    await expect(page.getByTestId('agreement-section-purpose')).toHaveValue(START.purpose, WAIT);
    await openPairSection(page, 'Goals');
    await expect((await goalEditor(page)).specific).toHaveValue(START.goalSpecific, WAIT);
    await openSession(page);
    await expect(page.getByTestId('session-notes')).toHaveValue(START.notes, WAIT);

    // The mentor let the mentee in: both are in the pair's membership chain.
    await expect(mentor.page.getByText(`With ${MENTEE.name}, your mentee`)).toBeVisible(WAIT);
    await expect(mentor.page.getByTestId('invite-partner')).toHaveCount(0);
    for (const person of [mentor, mentee]) {
      await expectSynced(person.page);
      // Offline edits below need the app shell from the service worker.
      await expect(person.page.getByTestId('offline-ready')).toHaveText('Works offline', WAIT);
    }
  });

  await test.step('both go offline and edit the same agreement section, goal and notes', async () => {
    await mentor.network.goOffline();
    await mentee.network.goOffline();
    for (const person of [mentor, mentee]) {
      await expect.poll(() => person.wire.openSockets(), WAIT).toBe(0);
      await expect(person.page.getByTestId('sync-status')).toContainText('Offline', WAIT);
    }
    const framesWhenOffline = mentor.wire.frames.length + mentee.wire.frames.length;

    // Each person edits the same texts, at a different end: the mentor at the start.
    const edit = async (page: Page, edits: OfflineEdits) => {
      const edge = edits.edge;
      await openPairSection(page, 'Agreement');
      await typeAtEdge(page.getByTestId('agreement-section-purpose'), {
        edge,
        text: edits.purpose,
      });
      await openPairSection(page, 'Goals');
      const goal = await goalEditor(page);
      await fillAndLeave(goal.title, edits.goalTitle);
      await typeAtEdge(goal.specific, { edge, text: edits.goalSpecific });
      if (edits.goalMetric) await fillAndLeave(goal.metric, edits.goalMetric);
      if (edits.goalRelevant) {
        await typeAtEdge(goal.relevant, { edge, text: edits.goalRelevant });
      }
      await openSession(page);
      // The notes are typed key by key: each keystroke is its own edit of the shared text.
      await typeAtEdge(page.getByTestId('session-notes'), {
        edge,
        text: edits.notes,
        keystrokes: true,
      });
    };
    // One after the other: neither sees the other's edits, so the order does not matter.
    await edit(mentor.page, { edge: 'start', ...MENTOR_OFFLINE });
    await edit(mentee.page, { edge: 'end', ...MENTEE_OFFLINE });

    for (const person of [mentor, mentee]) {
      await expect(person.page.getByTestId('sync-status')).toContainText(
        /\d+ changes? waiting to be sent/,
        WAIT,
      );
    }
    // Nothing crossed the network while offline: the edits above really were made apart.
    expect(mentor.wire.frames.length + mentee.wire.frames.length).toBe(framesWhenOffline);
  });

  await test.step('both come back online and show identical, merged content', async () => {
    await mentor.network.goOnline();
    await mentee.network.goOnline();
    for (const person of [mentor, mentee]) await expectSynced(person.page);

    // Session notes (both pages are on the session).
    const notes = [mentor, mentee].map((person) => person.page.getByTestId('session-notes'));
    for (const field of notes) await expect(field).toHaveValue(MERGED.notes, WAIT);

    // The goal: each person's own fields merged, both texts in the shared field, and the
    // title both changed settled on one of the two everywhere.
    const goals: Record<string, string>[] = [];
    for (const person of [mentor, mentee]) {
      await openPairSection(person.page, 'Goals');
      const goal = await goalEditor(person.page);
      await expect(goal.specific).toHaveValue(MERGED.goalSpecific, WAIT);
      await expect(goal.metric).toHaveValue(MERGED.goalMetric, WAIT);
      await expect(goal.relevant).toHaveValue(MERGED.goalRelevant, WAIT);
      goals.push(await readFields(goal));
    }
    expect([MENTOR_OFFLINE.goalTitle, MENTEE_OFFLINE.goalTitle]).toContain(goals[0]?.title);
    expect(goals[1]).toEqual(goals[0]);

    // The agreement section.
    const purposes: string[] = [];
    for (const person of [mentor, mentee]) {
      await openPairSection(person.page, 'Agreement');
      const purpose = person.page.getByTestId('agreement-section-purpose');
      await expect(purpose).toHaveValue(MERGED.purpose, WAIT);
      purposes.push(await purpose.inputValue());
    }
    expect(purposes[1]).toBe(purposes[0]);
  });

  await test.step('both sign; a later edit shows "changed since signed" on both sides', async () => {
    for (const person of [mentor, mentee]) {
      await person.page.getByTestId('sign-agreement').click();
      // Most sections are still empty: signing asks first.
      await person.page.getByTestId('confirm-sign').click();
      await expect(person.page.getByTestId('signed-by-me')).toBeVisible();
    }
    for (const person of [mentor, mentee]) {
      await expect(person.page.getByTestId('agreement-signed')).toBeVisible(WAIT);
      await expect(
        person.page.getByTestId('signature-status').getByTestId('signature-verified'),
      ).toHaveCount(2, WAIT);
      await expect(person.page.getByTestId('signature-invalid')).toHaveCount(0);
    }

    await typeAtEdge(mentee.page.getByTestId('agreement-section-meetings'), {
      edge: 'end',
      text: AFTER_SIGNING,
    });
    const meetings = await mentee.page.getByTestId('agreement-section-meetings').inputValue();
    expect(meetings.endsWith(AFTER_SIGNING)).toBe(true);
    for (const person of [mentor, mentee]) {
      await expect(person.page.getByTestId('agreement-section-meetings')).toHaveValue(
        meetings,
        WAIT,
      );
      await expect(person.page.getByTestId('changed-since-signed')).toBeVisible(WAIT);
      await expect(person.page.getByTestId('agreement-signed')).toHaveCount(0);
      await expectSynced(person.page);
    }
  });

  await test.step('an offline reload still shows the pair and every edit', async () => {
    const page = mentee.page;
    const goalBefore = await (async () => {
      await openPairSection(page, 'Goals');
      return readFields(await goalEditor(page));
    })();
    await openPairSection(page, 'Agreement');
    const meetings = await page.getByTestId('agreement-section-meetings').inputValue();
    await mentee.network.goOffline();
    await page.reload();

    await expect(page.getByTestId('pair-title')).toHaveText(START.pairTitle, WAIT);
    await expect(page.getByText(`With ${MENTOR.name}, your mentor`)).toBeVisible();
    await expect(page.getByTestId('sync-status')).toContainText('Offline');
    await expect(page.getByTestId('agreement-section-purpose')).toHaveValue(MERGED.purpose);
    await expect(page.getByTestId('agreement-section-meetings')).toHaveValue(meetings);
    await expect(page.getByTestId('changed-since-signed')).toBeVisible();
    await openPairSection(page, 'Goals');
    expect(await readFields(await goalEditor(page))).toEqual(goalBefore);
    await openSession(page);
    await expect(page.getByTestId('session-notes')).toHaveValue(MERGED.notes);
  });

  await mentor.close();
  await mentee.close();
  expect(await server.stop()).toBe(0);

  await test.step('no typed text or key in any frame, in DATA_DIR or in the relay log', async () => {
    // Each text's marker word alone too ("Saffron-1473"), in case a leak split a text.
    const markers = TYPED.flatMap((text) => text.match(/[A-Z][a-z]+-\d{4}/g) ?? []);
    expect(markers).toHaveLength(TYPED.length - 2);
    const typed = [
      ...TYPED.map(textNeedle),
      ...markers.map(textNeedle),
      bytesNeedle('invite secret', inviteSecretOf(invite, pairId)),
      textNeedle(new URL(invite).hash.slice(1)),
    ];
    const workspaceId = bytesNeedle('workspace id', Buffer.from(pairId, 'base64url'));
    const frames = frameHaystacks([mentor, mentee]);
    expect(frames.length).toBeGreaterThan(0);

    // Controls first: the same search finds what is there, in frames and on disk.
    const controlDir = join(server.dataDir, 'scan-control', 'nested');
    await mkdir(controlDir, { recursive: true });
    await writeFile(
      join(controlDir, 'control.bin'),
      Buffer.concat([Buffer.from(CONTROL_UTF8, 'utf8'), Buffer.from(CONTROL_UTF16, 'utf16le')]),
    );
    const files = await readFileTree(server.dataDir);
    await rm(join(server.dataDir, 'scan-control'), { recursive: true, force: true });
    const controlFile = join('scan-control', 'nested', 'control.bin');
    expect(
      findNeedles({ haystacks: files, needles: [CONTROL_UTF8, CONTROL_UTF16].map(textNeedle) }),
    ).toEqual([
      { needle: CONTROL_UTF8, encoding: 'utf-8', haystack: controlFile },
      { needle: CONTROL_UTF16, encoding: 'utf-16le', haystack: controlFile },
    ]);
    const framesWithId = findNeedles({ haystacks: frames, needles: [workspaceId] });
    expect(framesWithId.some((hit) => hit.haystack.includes('(sent)'))).toBe(true);
    expect(framesWithId.some((hit) => hit.haystack.includes('(received)'))).toBe(true);

    const level = await readLevelEntries(server.dataDir);
    expect(level.databases.length).toBeGreaterThan(0);
    expect(
      findNeedles({ haystacks: level.entries, needles: [workspaceId] }).length,
    ).toBeGreaterThan(0);

    // The scan proper.
    expect(findNeedles({ haystacks: frames, needles: typed })).toEqual([]);
    expect(findNeedles({ haystacks: files, needles: typed })).toEqual([]);
    expect(findNeedles({ haystacks: level.entries, needles: typed })).toEqual([]);
    const log = [{ name: 'relay output', bytes: Buffer.from(server.output()) }];
    expect(findNeedles({ haystacks: log, needles: typed })).toEqual([]);
  });
});
