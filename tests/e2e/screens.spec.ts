import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { localToUtc, utcToLocal } from '../../src/lib/workspace';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { calendarDay } from './support/calendarDay';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import { addPrivateNote } from './support/addPrivateNote';
import { admitJoiner } from './support/admitJoiner';
import { openMainPage } from './support/openMainPage';
import { takeTourShot } from './support/takeTourShot';

/*
 * Every screen of the pair workspace, in the real built app against the real server: a mentor
 * sets up a profile and a pair, a mentee joins by the invite link, and the mentor does the main
 * thing on each screen. Each screen is scanned by axe-core and photographed for the README tour.
 * The typed content is fixed text and the clocks are real, so no choice here is random.
 */

const MENTOR_ZONE = 'Europe/Berlin';
const MENTEE_ZONE = 'Asia/Kathmandu';
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const NARROW_PHONE = { width: 360, height: 740 };

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess();
});
test.afterAll(async () => {
  await server.dispose();
});

async function newPerson(browser: Browser, timeZone: string): Promise<BrowserContext> {
  return browser.newContext({ viewport: LAPTOP, locale: 'en-GB', timezoneId: timeZone });
}

async function setUpProfile(page: Page, input: { name: string; role: 'mentor' | 'mentee' }) {
  await expect(page.getByTestId('profile-form')).toBeVisible();
  await page.getByTestId('profile-name').fill(input.name);
  await page.getByTestId(`profile-role-${input.role}`).check();
  await page.getByTestId('profile-save').click();
}

const SECTION_HEADINGS: Record<string, string> = {
  Overview: 'Overview',
  Agreement: 'Agreement',
  Goals: 'Goals',
  Sessions: 'Sessions',
  Feedback: 'Feedback and reviews',
  'Check-ins': 'Check-ins',
  Availability: 'Availability',
  Closure: 'Closure',
};

/** Open a section from the pair's navigation and wait for its heading. */
async function openSection(page: Page, name: string): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Pair sections' })
    .getByRole('link', { name, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(
    page.getByRole('heading', { level: 1, name: SECTION_HEADINGS[name], exact: true }),
  ).toBeVisible();
}

/** The wall-clock time in `to` of `time` on `date` in `from` (daylight saving included). */
function clockElsewhere(input: { date: string; time: string; from: string; to: string }): string {
  const instant = localToUtc({ date: input.date, time: input.time, timeZone: input.from });
  if (!instant.ok) throw new Error(`not a time: ${input.date} ${input.time}`);
  return utcToLocal(new Date(instant.instant), input.to).time;
}

test('every screen works, passes axe and is photographed for the tour', async ({ browser }) => {
  test.setTimeout(300_000);
  const mentorContext = await newPerson(browser, MENTOR_ZONE);
  const mentor = await mentorContext.newPage();
  const menteeContext = await newPerson(browser, MENTEE_ZONE);
  const mentee = await menteeContext.newPage();
  const today = calendarDay({ timeZone: MENTEE_ZONE, offsetDays: 0 });
  const yesterday = calendarDay({ timeZone: MENTEE_ZONE, offsetDays: -1 });
  const tomorrow = calendarDay({ timeZone: MENTEE_ZONE, offsetDays: 1 });
  const mentorClock = clockElsewhere({
    date: tomorrow,
    time: '21:30',
    from: MENTEE_ZONE,
    to: MENTOR_ZONE,
  });

  await test.step('first run: the mentor sets up a profile', async () => {
    await mentor.goto(server.url);
    await expect(mentor.getByRole('heading', { name: 'Your pairs' })).toBeVisible();
    await expect(mentor.getByTestId('profile-form')).toBeVisible();
    await expect(mentor.getByTestId('profile-zone')).toHaveValue(MENTOR_ZONE);
    await expectNoAxeViolations(mentor, 'profile');
    await mentor.getByTestId('profile-name').fill('Ben Okafor');
    await mentor.getByTestId('profile-role-mentor').check();
    await takeTourShot(mentor, '01-profile');
    await mentor.getByTestId('profile-save').click();
    await expect(mentor.getByTestId('create-pair')).toBeVisible();
  });

  await test.step('home: the mentor creates the pair and signs the agreement', async () => {
    await expect(mentor.getByTestId('no-pairs')).toBeVisible();
    await expectNoAxeViolations(mentor, 'home');
    await mentor.getByTestId('pair-title-input').fill('Ana & Ben, field research');
    await mentor.getByTestId('create-pair-submit').click();
    await expect(mentor.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(mentor.getByTestId('pair-title')).toHaveText('Ana & Ben, field research');
    await expect(mentor.getByTestId('sync-status')).toBeVisible();
    await openSection(mentor, 'Agreement');
    await mentor
      .getByTestId('agreement-section-purpose')
      .fill('Ana grows as a field researcher: study design, writing, presenting.');
    await mentor
      .getByTestId('agreement-section-feedbackRules')
      .fill('Ask before giving it; be specific; both ways.');
    // The other sections show their prompts as placeholders only: signing asks first.
    await expect(mentor.getByTestId('agreement-section-ending')).toHaveValue('');
    await expect(mentor.getByTestId('agreement-section-ending')).toHaveAttribute(
      'placeholder',
      /end the mentoring/,
    );
    await mentor.getByTestId('sign-agreement').click();
    const question = mentor.getByRole('group', { name: /Not filled in yet/ });
    await expect(question).toContainText('What the mentor commits to');
    await expect(question).toContainText('How either of us may end it');
    await expect(question).not.toContainText('Purpose');
    await expect(question).not.toContainText('How we give feedback');
    await expect(mentor.getByTestId('signature-status')).toContainText('not signed yet');
    await mentor.getByTestId('confirm-sign').click();
    await expect(
      mentor.getByTestId('signature-status').getByTestId('signature-verified'),
    ).toHaveCount(1);
  });

  await test.step('join: the mentee opens the invite link', async () => {
    await openSection(mentor, 'Overview');
    await mentor.getByTestId('create-invite').click();
    const link = mentor.getByTestId('invite-link');
    await expect(link).toHaveValue(/\/join#.+/);
    await mentee.goto(await link.inputValue());
    await expect(mentee.getByRole('heading', { name: 'Join a pair' })).toBeVisible();
    await expect(mentee.getByTestId('profile-form')).toBeVisible();
    await expectNoAxeViolations(mentee, 'join');
    await mentee.getByTestId('profile-name').fill('Ana Shrestha');
    await mentee.getByTestId('profile-role-mentee').check();
    await takeTourShot(mentee, '13-join');
    await mentee.getByTestId('profile-save').click();
    // Issue 12: the mentee waits with a code; the mentor's pair page shows the request with the
    // same code. Both screens are scanned before the mentor lets the mentee in.
    await expect(mentee.getByTestId('join-waiting')).toBeVisible();
    await expect(mentee.getByTestId('join-code')).toHaveText(/^\d{3} \d{3}$/, { timeout: 30_000 });
    await expectNoAxeViolations(mentee, 'join (waiting for the partner)');
    await expect(mentor.getByTestId('join-request')).toHaveCount(1, { timeout: 30_000 });
    await expectNoAxeViolations(mentor, 'overview with a join request');
    await admitJoiner(mentor, mentee);
    await expect(mentee.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible({
      timeout: 30_000,
    });
    // The invite's fragment left the address bar with the join page.
    expect(new URL(mentee.url()).hash).toBe('');
    await expect(mentee.getByTestId('pair-title')).toHaveText('Ana & Ben, field research');
    await expect(mentee.getByText('With Ben Okafor, your mentor')).toBeVisible();
  });

  await test.step('agreement: both sign, then an edit shows "changed since signed"', async () => {
    await openSection(mentee, 'Agreement');
    const purpose = mentee.getByTestId('agreement-section-purpose');
    await expect(purpose).toHaveValue(/Ana grows as a field researcher/);
    await expect(
      mentee.getByTestId('signature-status').getByTestId('signature-verified'),
    ).toHaveCount(1);
    await mentee.getByTestId('sign-agreement').click();
    await mentee.getByTestId('confirm-sign').click();
    await expect(mentee.getByTestId('signed-by-me')).toBeVisible();
    await expect(
      mentee.getByTestId('signature-status').getByTestId('signature-verified'),
    ).toHaveCount(2);
    await expect(mentee.getByTestId('agreement-signed')).toBeVisible();
    await expectNoAxeViolations(mentee, 'agreement');
    await takeTourShot(mentee, '04-agreement');
    await purpose.press('End');
    await purpose.pressSequentially(' And fieldwork safety.');
    await expect(mentee.getByTestId('changed-since-signed')).toBeVisible();
    await expect(mentee.getByTestId('signed-version')).toHaveCount(1);
  });

  await test.step('goals: a failed add explains itself, then a SMART goal with a milestone', async () => {
    await openSection(mentee, 'Goals');
    await mentee.getByTestId('add-goal-submit').click();
    await expect(mentee.locator('#goal-title-error')).toHaveText('Enter a title.');
    await expect(mentee.getByTestId('goal-title')).toHaveAttribute('aria-invalid', 'true');
    await mentee.getByTestId('goal-title').fill('Present the survey results');
    await mentee.getByTestId('goal-specific').fill('A 15-minute talk at the regional meeting');
    await mentee.getByTestId('goal-metric').fill('talks given');
    await mentee.getByTestId('goal-target').fill('2');
    await mentee.getByTestId('goal-target-date').fill(yesterday);
    await mentee.getByTestId('add-goal-submit').click();
    const card = mentee.getByTestId('goal-card');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('goal-overdue')).toBeVisible();
    await card.getByTestId('milestone-title').fill('Draft the slides');
    await card.getByTestId('add-milestone').click();
    await expect(card.getByTestId('milestone')).toHaveCount(1);
    await card.getByTestId('edit-goal').click();
    await card.getByTestId('edit-goal-status').selectOption('active');
    await card.getByTestId('edit-goal-current').fill('1');
    await card.getByTestId('edit-goal-current').blur();
    await expect(card.getByTestId('goal-status')).toHaveText('Active');
    await expect(card.getByTestId('goal-progress-measure')).toHaveJSProperty('value', 50);
    await expect(card.getByTestId('goal-progress-milestones')).toHaveJSProperty('value', 0);
    await card.getByTestId('milestone').getByRole('checkbox').check();
    await expect(card.getByTestId('goal-progress-milestones')).toHaveJSProperty('value', 100);
    await card.getByTestId('edit-goal').click();
    await expectNoAxeViolations(mentee, 'goals');
    await takeTourShot(mentee, '05-goals');
  });

  await test.step('sessions: a held one and a next one with agenda, notes and an action item', async () => {
    await openSection(mentee, 'Sessions');
    await mentee.getByTestId('session-title').fill('Kick-off');
    await mentee.getByTestId('session-date').fill(yesterday);
    await mentee.getByTestId('session-time').fill('16:00');
    await mentee.getByTestId('schedule-submit').click();
    await expect(mentee.getByTestId('session-heading')).toHaveText('Kick-off');
    await mentee.getByTestId('reflection-useful').fill('Agreeing on the study question');
    await mentee.getByTestId('reflection-next').fill('Shorter check-ins');
    await mentee.getByTestId('reflection-save').click();
    await expect(mentee.getByRole('button', { name: 'Update my reflection' })).toBeVisible();

    await openSection(mentee, 'Sessions');
    await mentee.getByTestId('session-title').fill('Survey design');
    await mentee.getByTestId('session-date').fill(tomorrow);
    await mentee.getByTestId('session-time').fill('21:30');
    await expect(mentee.getByTestId('schedule-partner-time')).toContainText(mentorClock);
    await expectNoAxeViolations(mentee, 'sessions');
    await takeTourShot(mentee, '06-sessions');
    await mentee.getByTestId('schedule-submit').click();
    await expect(mentee.getByTestId('session-heading')).toHaveText('Survey design');
    await expect(mentee.getByTestId('session-when-partner')).toContainText(
      `Ben Okafor: ${mentorClock}`,
    );

    await mentee.getByTestId('agenda-input').fill('Sampling plan for the valley villages');
    await mentee.getByTestId('agenda-add').click();
    await expect(mentee.getByTestId('agenda-topic')).toHaveCount(1);
    await mentee.getByTestId('session-notes').fill('Start from the 2019 census list.');
    await mentee.getByTestId('action-title').fill('Send the census list');
    await mentee.getByTestId('action-owner').selectOption({ label: 'Ben Okafor' });
    await mentee.getByTestId('action-due').fill(tomorrow);
    await mentee.getByTestId('action-add').click();
    await expect(mentee.getByTestId('action-item')).toHaveCount(1);
    await expect(mentee.getByTestId('action-item')).toContainText('Ben Okafor');

    const [download] = await Promise.all([
      mentee.waitForEvent('download'),
      mentee.getByTestId('download-ics').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Survey design');
    await expectNoAxeViolations(mentee, 'session');
    await takeTourShot(mentee, '07-session');
  });

  await test.step('feedback: feedback to the partner, and a review', async () => {
    await openSection(mentee, 'Feedback');
    await expect(mentee.getByTestId('feedback-rules')).toContainText('Ask before giving it');
    await mentee.getByTestId('feedback-keep').fill('Your questions before each session');
    await mentee.getByTestId('feedback-change').fill('More time for my own ideas');
    await mentee.getByTestId('feedback-submit').click();
    await expect(mentee.getByTestId('feedback-given').getByTestId('feedback-entry')).toHaveCount(1);
    await mentee.getByTestId('start-review-any').click();
    await mentee.getByTestId('assessment-on-track').check();
    await mentee.getByTestId('review-change').fill('More time for writing');
    await mentee.getByTestId('review-answer').click();
    await expect(mentee.getByRole('button', { name: 'Update my answer' })).toBeVisible();
    await expectNoAxeViolations(mentee, 'feedback');
    await takeTourShot(mentee, '08-feedback');
  });

  await test.step('check-ins: two pulses make a trend that asks for support', async () => {
    await openSection(mentee, 'Check-ins');
    await mentee.getByTestId('checkin-mood').getByText('4 · Good').click();
    await mentee.getByTestId('checkin-workload').getByText('3 · Full').click();
    await mentee.getByTestId('checkin-submit').click();
    await expect(mentee.getByTestId('my-trend').locator('svg')).toBeVisible();
    // The second one by keyboard alone: arrows pick a score, Tab moves on, Enter sends.
    await mentee.getByTestId('checkin-mood').getByRole('radio').first().focus();
    await mentee.keyboard.press('ArrowRight');
    await mentee.keyboard.press('Tab');
    for (let step = 0; step < 4; step++) await mentee.keyboard.press('ArrowRight');
    await mentee.keyboard.press('Tab');
    await mentee.keyboard.type('Permit for the second village');
    await mentee.keyboard.press('Tab');
    await mentee.keyboard.press('Tab');
    await expect(mentee.getByTestId('checkin-submit')).toBeFocused();
    await mentee.keyboard.press('Enter');
    await expect(mentee.getByTestId('my-trend-needs-support')).toBeVisible();
    await expectNoAxeViolations(mentee, 'check-ins');
    await takeTourShot(mentee, '09-checkins');
  });

  await test.step('availability: windows, quiet hours and the overlap', async () => {
    await openSection(mentee, 'Availability');
    await mentee.getByTestId('window-day').selectOption('2');
    await mentee.getByTestId('window-start').fill('17:00');
    await mentee.getByTestId('window-end').fill('22:00');
    await mentee.getByTestId('window-add').click();
    await mentee.getByTestId('window-kind').selectOption('quiet');
    await mentee.getByTestId('window-day').selectOption('5');
    await mentee.getByTestId('window-start').fill('22:00');
    await mentee.getByTestId('window-end').fill('07:00');
    await mentee.getByTestId('window-add').click();
    await expect(mentee.getByTestId('my-available').getByTestId('window')).toHaveText(
      /Tuesdays 17:00–22:00/,
    );
    await expect(mentee.getByTestId('my-quiet').getByTestId('window')).toHaveText(
      /Fridays 22:00–07:00 \(next day\)/,
    );
    await expect(mentee.getByTestId('overlap')).toBeVisible();
    await expectNoAxeViolations(mentee, 'availability');
    await takeTourShot(mentee, '10-availability');
  });

  await test.step('overview: next session, action items, goals, check-in, term', async () => {
    await openSection(mentee, 'Overview');
    await expect(mentee.getByTestId('next-session-link')).toHaveText('Survey design');
    await expect(mentee.getByTestId('open-action-items').getByTestId('action-item')).toHaveCount(1);
    await expect(mentee.getByTestId('overview-goals')).toContainText('Present the survey results');
    await expect(mentee.getByTestId('last-checkin')).toContainText('Mood 2 of 5');
    await expect(mentee.getByTestId('term-timeline')).toContainText(today.slice(0, 4));
    await expectNoAxeViolations(mentee, 'overview');
    await takeTourShot(mentee, '03-overview');
    await mentee.setViewportSize(PHONE);
    await takeTourShot(mentee, '14-phone-overview');
    await openSection(mentee, 'Sessions');
    await mentee.getByRole('link', { name: 'Survey design' }).click();
    await expect(mentee.getByTestId('session-heading')).toBeVisible();
    await expectNoAxeViolations(mentee, 'session on a phone');
    await takeTourShot(mentee, '15-phone-session');
    // The narrowest phone: every section reflows, nothing scrolls sideways.
    await mentee.setViewportSize(NARROW_PHONE);
    for (const section of Object.keys(SECTION_HEADINGS)) {
      await openSection(mentee, section);
      const overflow = await mentee.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${section} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
    }
    await mentee.setViewportSize(LAPTOP);
  });

  await test.step('offline: a reload still shows everything, and says it is offline', async () => {
    await openSection(mentee, 'Sessions');
    await mentee.getByRole('link', { name: 'Survey design' }).click();
    await expect(mentee.getByTestId('session-heading')).toHaveText('Survey design');
    await menteeContext.setOffline(true);
    await mentee.reload();
    await expect(mentee.getByTestId('session-heading')).toHaveText('Survey design');
    await expect(mentee.getByTestId('session-notes')).toHaveValue(
      'Start from the 2019 census list.',
    );
    await expect(mentee.getByTestId('sync-status')).toHaveText(/Offline|Connecting/);
    await menteeContext.setOffline(false);
    // The relay client retries with a back-off: wait for it, however long it takes here.
    await expect(mentee.getByTestId('sync-status')).toContainText('Synced', { timeout: 60_000 });
  });

  await test.step('home lists the pair with the partner', async () => {
    await mentee
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Pairs' })
      .click();
    const item = mentee.getByTestId('pair-item');
    await expect(item).toContainText('Ana & Ben, field research');
    await expect(item).toContainText('With Ben Okafor');
    await expectNoAxeViolations(mentee, 'home with a pair');
    await takeTourShot(mentee, '02-home');
    await item.getByRole('link').click();
    await expect(mentee.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  });

  await test.step('privacy, private notes and settings', async () => {
    // The mentor compares safety codes with Ana and marks her verified.
    await openSection(mentor, 'Privacy');
    await expect(mentor.getByTestId('safety-code-digits')).toHaveText(/\d{5}( \d{5}){5}/);
    await mentor.getByTestId('mark-verified').click();
    await expect(mentor.getByTestId('verified-mark')).toBeVisible();
    await expectNoAxeViolations(mentor, 'privacy');
    await takeTourShot(mentor, '16-privacy');

    // Ana keeps a private note, which Ben never sees.
    await addPrivateNote(mentee, {
      title: 'Questions for Ben',
      body: 'How did he get the permits in 2019? Ask before the survey starts.',
    });
    await expectNoAxeViolations(mentee, 'private notes');
    await takeTourShot(mentee, '17-notes');
    await openMainPage(mentee, 'Pairs');
    await mentee.getByTestId('pair-item').getByRole('link').click();
    await expect(mentee.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    // Ben starts linking his phone: a link and QR code that last ten minutes.
    await openMainPage(mentor, 'Settings');
    await mentor.getByTestId('link-device').click();
    await expect(mentor.getByRole('img', { name: /QR code/ })).toBeVisible();
    await expectNoAxeViolations(mentor, 'settings with a link offer');
    await takeTourShot(mentor, '18-settings-link');

    // And turns on app lock, then locks: the page reloads to the unlock screen.
    const lock = mentor.getByTestId('lock-settings');
    await lock.getByTestId('lock-passphrase').fill('birch lantern 2719 valley');
    await lock.getByTestId('lock-confirm').fill('birch lantern 2719 valley');
    await lock.getByTestId('lock-enable-submit').click();
    await expect(lock.getByText('App lock is on.')).toBeVisible({ timeout: 30_000 });
    await mentor.getByRole('banner').getByTestId('lock-now').click();
    await expect(mentor.getByTestId('unlock-screen')).toBeVisible({ timeout: 30_000 });
    await takeTourShot(mentor, '19-unlock');
  });

  await test.step('closure: wrap up, close, and everything turns read-only', async () => {
    await openSection(mentee, 'Closure');
    await mentee.getByTestId('closure-reason').fill('The survey report is out');
    await mentee.getByTestId('propose-closure').click();
    await expect(mentee.getByTestId('closure-requested')).toContainText('The survey report is out');
    await mentee.getByTestId('wrapup-valuable').fill('Seeing the study take shape');
    await mentee.getByTestId('wrapup-learned').fill('Ask about permits first');
    await mentee.getByTestId('wrapup-improve').fill('Meet more often early on');
    await mentee.getByTestId('wrapup-save').click();
    await expect(mentee.getByTestId('wrap-up')).toHaveCount(1);
    await expectNoAxeViolations(mentee, 'closure');
    await takeTourShot(mentee, '11-closure');
    await mentee.getByTestId('close-workspace').click();
    await mentee.getByTestId('confirm-close').click();
    await expect(mentee.getByTestId('read-only-banner')).toContainText('closed');
    await expect(mentee.getByTestId('closed-note')).toBeVisible();

    const [markdown] = await Promise.all([
      mentee.waitForEvent('download'),
      mentee.getByTestId('export-markdown').click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/\.md$/);
    const text = await readFile(await markdown.path(), 'utf8');
    expect(text).toContain('# Ana & Ben, field research');
    expect(text).toContain('Present the survey results');
    // What the screens said goes into the record: the edit after signing, and why it closed.
    expect(text).toContain('**Changed since signed:** the text below is not what ');
    expect(text).toContain('Why:\n\nThe survey report is out\n');

    await mentee.getByTestId('printable-link').click();
    await expect(mentee.getByTestId('record')).toContainText(
      'Sampling plan for the valley villages',
    );
    await expect(mentee.getByTestId('record-changed-since-signed')).toBeVisible();
    await expect(mentee.getByTestId('record-earlier-version')).toHaveCount(1);
    await expect(mentee.getByTestId('record-closure')).toContainText(
      'Why: The survey report is out',
    );
    await expectNoAxeViolations(mentee, 'printable record');
    await mentee.emulateMedia({ media: 'print' });
    await expect(mentee.getByRole('navigation', { name: 'Pair sections' })).toBeHidden();
    await expect(mentee.getByTestId('print')).toBeHidden();
    await expect(mentee.getByTestId('sync-status')).toBeHidden();
    await expect(mentee.getByTestId('record')).toBeVisible();
    await takeTourShot(mentee, '12-record-print');
    await mentee.emulateMedia({ media: 'screen' });

    await openSection(mentee, 'Goals');
    await expect(mentee.getByTestId('read-only-banner')).toBeVisible();
    await expect(mentee.getByTestId('add-goal')).toHaveCount(0);
    await expect(mentee.getByTestId('edit-goal')).toHaveCount(0);
    await expect(mentee.getByTestId('milestone').getByRole('checkbox')).toBeDisabled();
    await openSection(mentee, 'Agreement');
    await expect(mentee.getByTestId('agreement-section-purpose')).toBeDisabled();
    await expect(mentee.getByTestId('sign-agreement')).toHaveCount(0);
    await expectNoAxeViolations(mentee, 'agreement, read-only');
  });

  await mentorContext.close();
  await menteeContext.close();
});

test('a broken invite link explains itself and leads back home', async ({ browser }) => {
  const context = await newPerson(browser, MENTOR_ZONE);
  const page = await context.newPage();
  await page.goto(`${server.url}/join#not-an-invite`);
  await setUpProfile(page, { name: 'Cleo', role: 'mentee' });
  await expect(page.getByTestId('join-failed')).toBeVisible();
  await expectNoAxeViolations(page, 'broken invite');
  await page.getByRole('link', { name: 'Back to your pairs' }).click();
  await expect(page.getByRole('heading', { name: 'Your pairs' })).toBeVisible();
  await context.close();
});
