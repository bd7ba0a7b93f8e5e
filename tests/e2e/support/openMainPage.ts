import { expect, type Page } from '@playwright/test';

const HEADINGS = { Pairs: 'Your pairs', 'Private notes': 'Private notes', Settings: 'Settings' };

export type MainPageName = keyof typeof HEADINGS;

/**
 * Open a page from the header's main navigation, as a person would, and wait for its heading.
 *
 * @example
 *   await openMainPage(page, 'Settings');
 */
export async function openMainPage(page: Page, name: MainPageName): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name: HEADINGS[name] })).toBeVisible();
}
