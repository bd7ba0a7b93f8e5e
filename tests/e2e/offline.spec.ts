import { expect, test } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess();
});
test.afterAll(async () => {
  await server.dispose();
});

test('after one visit the app starts offline, deep links included', async ({ context, page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Your pairs' })).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect(page.getByTestId('offline-ready')).toHaveText('Works offline');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your pairs' })).toBeVisible();

  await page.goto(`${server.url}/pairs/never-visited-before`);
  await expect(page.getByTestId('pair-missing')).toContainText('never-visited-before');
  await page.getByRole('link', { name: 'Back to your pairs' }).click();
  await expect(page.getByRole('heading', { name: 'Your pairs' })).toBeVisible();
});

test('control: with service workers blocked, an offline reload fails', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Your pairs' })).toBeVisible();

  await context.setOffline(true);
  await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  await context.close();
});

test('the page links a manifest whose icons load', async ({ page, request }) => {
  await page.goto(server.url);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(new URL(href ?? '', server.url).href)).json()) as {
    icons: { src: string }[];
  };
  expect(manifest.icons.length).toBeGreaterThan(0);
  for (const icon of manifest.icons) {
    const response = await request.get(new URL(icon.src, server.url).href);
    expect(response.status(), icon.src).toBe(200);
  }
});
