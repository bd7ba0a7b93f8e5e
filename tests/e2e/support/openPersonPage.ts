import type { Browser, BrowserContext, Page } from '@playwright/test';

/**
 * A page in a browser context of its own: one person's device, with its own IndexedDB, so its
 * own identity. The context is pushed onto `contexts` for the spec to close in `afterAll`.
 *
 * @example
 *   const mentee = await openPersonPage(browser, { timeZone: 'America/Lima', contexts });
 */
export async function openPersonPage(
  browser: Browser,
  input: { timeZone: string; contexts: BrowserContext[] },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: input.timeZone,
  });
  input.contexts.push(context);
  return context.newPage();
}
