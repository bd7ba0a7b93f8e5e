import { expect, type Page } from '@playwright/test';
import { openMainPage } from './openMainPage';

const WAIT = { timeout: 30_000 };

/**
 * `page`'s device holds no pair: the home page lists none, and a reload (what is stored, not
 * what the page still shows) lists none either; `pairTitle` shows nowhere.
 *
 * @example
 *   await expect(stranger.getByTestId('join-refused')).toBeVisible();
 *   await expectNoPair(stranger, 'Sorrel-5521 design mentoring');
 */
export async function expectNoPair(page: Page, pairTitle: string): Promise<void> {
  await expect(page.getByTestId('pair-title')).toHaveCount(0);
  await openMainPage(page, 'Pairs');
  await expect(page.getByTestId('no-pairs')).toBeVisible(WAIT);
  await expect(page.getByTestId('pair-item')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('profile-summary')).toBeVisible(WAIT);
  await expect(page.getByTestId('no-pairs')).toBeVisible(WAIT);
  await expect(page.getByTestId('pair-item')).toHaveCount(0);
  await expect(page.getByText(pairTitle)).toHaveCount(0);
}
