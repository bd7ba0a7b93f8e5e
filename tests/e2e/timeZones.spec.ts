import { expect, test, type BrowserContext } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { openPersonPage } from './support/openPersonPage';
import { setUpProfile } from './support/setUpProfile';

/*
 * Chromium reports a device in Nepal as `Asia/Katmandu` and lists zones by ICU's old spellings
 * (`Asia/Calcutta`, `Europe/Kiev`). The first-run form must offer and preselect today's IANA
 * names, and the profile must show the current one.
 */

const LEGACY = ['Asia/Katmandu', 'Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'Asia/Rangoon'];

let server: ServerProcess;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  server = await startServerProcess();
});
test.afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await server.dispose();
});

test('a browser in Kathmandu gets Asia/Kathmandu preselected and no old names', async ({
  browser,
}) => {
  const page = await openPersonPage(browser, { timeZone: 'Asia/Kathmandu', contexts });
  await page.goto(server.url);
  const picker = page.getByTestId('profile-zone');
  await expect(picker).toHaveValue('Asia/Kathmandu');
  const values = await picker
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  expect(values).toContain('Europe/Kyiv');
  for (const legacy of LEGACY) expect(values).not.toContain(legacy);
  await expect(picker.locator('option:checked')).toHaveText('Kathmandu (UTC+5:45)');
  await setUpProfile(page, { name: 'Ana Shrestha', role: 'mentee' });
  await expect(page.getByTestId('profile-summary')).toContainText('Kathmandu (UTC+5:45)');
  await expect(page.getByTestId('profile-summary')).not.toContainText('Katmandu');
});
