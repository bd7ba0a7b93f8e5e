import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { inviteClosedMessage } from '../../src/lib/sync/invite/inviteClosedMessage';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { addGoal, goalCard } from './support/addGoal';
import { admitJoiner } from './support/admitJoiner';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import { expectNoFragment } from './support/expectNoFragment';
import { expectNoPair } from './support/expectNoPair';
import { expectSynced } from './support/expectSynced';
import { openMainPage } from './support/openMainPage';
import { openPairSection } from './support/openPairSection';
import { openPersonPage } from './support/openPersonPage';
import { openPrivacy } from './support/openPrivacy';
import { setUpProfile } from './support/setUpProfile';

/*
 * Issue 12, end to end against the real relay: an invite link holds no key, only a room to ask
 * in. The joiner asks, both screens show one code, and only the inviter's "let them in" hands
 * the pair over. Whoever opens a used link later is refused and gets nothing; a link two people
 * ask on closes for both and lets nobody in; a declined request is told so. Three browser
 * contexts each (separate profiles, so separate devices and keys). All text is fixed.
 */

const MENTOR = { name: 'Halima Osei', role: 'mentor', timeZone: 'Africa/Accra' } as const;
const MENTEE = { name: 'Jonas Lindqvist', role: 'mentee', timeZone: 'Europe/Stockholm' } as const;
const STRANGER = { name: 'Rafe Underhill', role: 'mentee', timeZone: 'Pacific/Auckland' } as const;

const TEXT = {
  pairTitle: 'Tamarind-4471 hydrology mentoring',
  mentorGoal: 'Quince-2093 calibrate the rain gauges',
  menteeGoal: 'Sumac-6618 map the spring catchment',
};

const WAIT = { timeout: 30_000 };

let server: ServerProcess;
const contexts: BrowserContext[] = [];

test.beforeEach(async () => {
  server = await startServerProcess();
});
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await server.dispose();
});

/** A person on their own device (a browser context of their own), on Trellis's home page. */
async function openPerson(browser: Browser, timeZone: string): Promise<Page> {
  const page = await openPersonPage(browser, { timeZone, contexts });
  await page.goto(server.url);
  return page;
}

/** The mentor's new pair, and an invite link made on its overview. */
async function mentorWithInvite(browser: Browser): Promise<{ mentor: Page; invite: string }> {
  const mentor = await openPerson(browser, MENTOR.timeZone);
  await setUpProfile(mentor, MENTOR);
  await mentor.getByTestId('pair-title-input').fill(TEXT.pairTitle);
  await mentor.getByTestId('create-pair-submit').click();
  await expect(mentor.getByTestId('pair-title')).toHaveText(TEXT.pairTitle);
  await mentor.getByTestId('create-invite').click();
  const link = mentor.getByTestId('invite-link');
  await expect(link).toHaveValue(/\/join#i2\..+/);
  const invite = await link.inputValue();
  await expectSynced(mentor);
  return { mentor, invite };
}

/** Opens `invite` on `page`, a device new to Trellis, and sets up `person` there. */
async function openInvite(
  page: Page,
  invite: string,
  person: { name: string; role: 'mentor' | 'mentee' },
): Promise<void> {
  await page.goto(invite);
  await expect(page.getByRole('heading', { level: 1, name: 'Join a pair' })).toBeVisible();
  // The fragment names the invite's room: it leaves the address bar before anything else.
  await expectNoFragment(page);
  await setUpProfile(page, person);
  await expectNoFragment(page);
}

test('the mentor admits the mentee by code; a stranger with the used link gets nothing', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { mentor, invite } = await mentorWithInvite(browser);
  const mentee = await openPerson(browser, MENTEE.timeZone);

  await test.step('the mentee asks; both screens show one code; the mentor admits', async () => {
    await openInvite(mentee, invite, MENTEE);
    await expect(mentee.getByTestId('join-waiting')).toContainText(
      'Waiting for your mentor to let you in',
      WAIT,
    );
    // Nothing of the pair reaches the mentee before the mentor answers.
    await expect(mentee.getByText(TEXT.pairTitle)).toHaveCount(0);
    const request = mentor.getByTestId('join-request');
    await expect(request).toContainText(`${MENTEE.name} wants to join as your mentee`, WAIT);
    const code = await admitJoiner(mentor, mentee);
    expect(code).toMatch(/^\d{3} \d{3}$/);
  });

  await test.step('the mentee lands in the pair by itself, and both sync an edit', async () => {
    await expect(mentee.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible(WAIT);
    await expect(mentee.getByTestId('pair-title')).toHaveText(TEXT.pairTitle, WAIT);
    await expect(mentee.getByText(`With ${MENTOR.name}, your mentor`)).toBeVisible(WAIT);
    await expect(mentor.getByText(`With ${MENTEE.name}, your mentee`)).toBeVisible(WAIT);
    await expect(mentor.getByTestId('invite-partner')).toHaveCount(0);

    await addGoal(mentor, TEXT.mentorGoal);
    await openPairSection(mentee, 'Goals');
    await expect(goalCard(mentee, TEXT.mentorGoal)).toHaveCount(1, WAIT);
    await addGoal(mentee, TEXT.menteeGoal);
    await expect(goalCard(mentor, TEXT.menteeGoal)).toHaveCount(1, WAIT);
    for (const page of [mentor, mentee]) await expectSynced(page);

    await openPrivacy(mentor);
    const item = mentor.getByTestId('invite-item');
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId('invite-standing')).toHaveText('Used');
    await expect(item).toContainText(`${MENTEE.name} joined with it`);
    await expect(mentor.getByTestId('revoke-invite')).toHaveCount(0);
  });

  await test.step('a stranger opens the same link later: refused, with no pair', async () => {
    const stranger = await openPerson(browser, STRANGER.timeZone);
    await openInvite(stranger, invite, STRANGER);
    const refused = stranger.getByTestId('join-refused');
    await expect(refused).toContainText(inviteClosedMessage('used'), WAIT);
    await expect(stranger.getByTestId('join-code')).toHaveCount(0);
    await expectNoAxeViolations(stranger, 'join refused (link already used)');
    // The mentor is asked nothing: the link is done.
    await openPairSection(mentor, 'Overview');
    await expect(mentor.getByTestId('join-request')).toHaveCount(0);
    await expectNoPair(stranger, TEXT.pairTitle);
    // The pair still has its two people, and the stranger is not among them.
    await expect(mentor.getByText(`With ${MENTEE.name}, your mentee`)).toBeVisible();
    await expect(mentor.getByText(STRANGER.name)).toHaveCount(0);
  });
});

test('two people asking on one link close it: the mentor can admit neither', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { mentor, invite } = await mentorWithInvite(browser);
  const first = await openPerson(browser, MENTEE.timeZone);
  const second = await openPerson(browser, STRANGER.timeZone);

  await test.step('both open the link and ask before the mentor answers', async () => {
    await openInvite(first, invite, MENTEE);
    await expect(first.getByTestId('join-waiting')).toBeVisible(WAIT);
    await openInvite(second, invite, STRANGER);
  });

  await test.step('the mentor sees the link closed and no admit button', async () => {
    const closed = mentor.getByTestId('invite-closed-early');
    await expect(closed).toBeVisible(WAIT);
    await expect(closed).toContainText('Two people asked to join with one of your invite links');
    await expect(mentor.getByTestId('join-request')).toHaveCount(0);
    await expect(mentor.getByTestId('admit-join')).toHaveCount(0);
    await expectNoAxeViolations(mentor, 'overview with an invite closed early');
    // The pair's list says the link no longer works.
    await openPrivacy(mentor);
    await expect(mentor.getByTestId('invite-standing')).toHaveText('Revoked', WAIT);
    await expect(mentor.getByTestId('revoke-invite')).toHaveCount(0);
  });

  await test.step('both joiners are refused with the same sentence; nobody gets in', async () => {
    for (const page of [first, second]) {
      await expect(page.getByTestId('join-refused')).toContainText(
        inviteClosedMessage('second-request'),
        WAIT,
      );
      await expect(page.getByTestId('join-code')).toHaveCount(0);
    }
    await expectNoAxeViolations(second, 'join refused (second request)');
    for (const page of [first, second]) await expectNoPair(page, TEXT.pairTitle);
    await openPairSection(mentor, 'Overview');
    await expect(mentor.getByTestId('pair-title')).toHaveText(TEXT.pairTitle);
    await expect(mentor.getByText(MENTEE.name)).toHaveCount(0);
    await expect(mentor.getByText(STRANGER.name)).toHaveCount(0);
    await expect(mentor.getByTestId('invite-partner')).toBeVisible();
  });
});

test('a declined request is told so, on the home page too, and gets no pair', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { mentor, invite } = await mentorWithInvite(browser);
  const joiner = await openPerson(browser, STRANGER.timeZone);

  await test.step('the joiner asks, then waits on the home page', async () => {
    await openInvite(joiner, invite, STRANGER);
    await expect(joiner.getByTestId('join-code')).toHaveText(/^\d{3} \d{3}$/, WAIT);
    const code = (await joiner.getByTestId('join-code').textContent()) ?? '';
    await openMainPage(joiner, 'Pairs');
    const waiting = joiner.getByTestId('join-waiting');
    await expect(waiting.getByTestId('join-code')).toHaveText(code, WAIT);
    await expect(waiting.getByTestId('cancel-join')).toBeVisible();
    await expectNoAxeViolations(joiner, 'home with a join waiting');
    const request = mentor.getByTestId('join-request');
    await expect(request.getByTestId('join-request-code')).toHaveText(code, WAIT);
  });

  await test.step('the mentor declines: the joiner is told, and nothing else', async () => {
    await mentor.getByTestId('join-request').getByTestId('decline-join').click();
    await expect(mentor.getByTestId('join-request')).toHaveCount(0, WAIT);
    await expect(joiner.getByTestId('join-refused')).toContainText(
      inviteClosedMessage('declined'),
      WAIT,
    );
    await expect(joiner.getByTestId('cancel-join')).toHaveCount(0);
    await expect(joiner.getByTestId('pair-item')).toHaveCount(0);
    await expect(joiner.getByTestId('no-pairs')).toBeVisible();
    await expect(mentor.getByText(STRANGER.name)).toHaveCount(0);
    await expect(mentor.getByTestId('invite-partner')).toBeVisible();
    await openPrivacy(mentor);
    await expect(mentor.getByTestId('invite-standing')).toHaveText('Revoked', WAIT);
  });

  await test.step('the joiner dismisses it; a reload does not ask again', async () => {
    await joiner.getByTestId('dismiss-join').click();
    await expect(joiner.getByTestId('join-waiting')).toHaveCount(0);
    await joiner.reload();
    await expect(joiner.getByTestId('no-pairs')).toBeVisible(WAIT);
    await expect(joiner.getByTestId('join-waiting')).toHaveCount(0);
  });
});
