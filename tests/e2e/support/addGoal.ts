import { expect, type Locator, type Page } from '@playwright/test';
import { openPairSection } from './openPairSection';

/**
 * The goal cards on the page whose text holds `title`.
 *
 * @example
 *   await expect(goalCard(mentee, 'Survey report')).toHaveCount(1);
 */
export function goalCard(page: Page, title: string): Locator {
  return page.getByTestId('goal-card').filter({ hasText: title });
}

/**
 * Adds a goal with only a title, on the pair's Goals page.
 *
 * @example
 *   await addGoal(mentor, 'Survey report');
 */
export async function addGoal(page: Page, title: string): Promise<void> {
  await openPairSection(page, 'Goals');
  await page.getByTestId('goal-title').fill(title);
  await page.getByTestId('add-goal-submit').click();
  await expect(goalCard(page, title)).toHaveCount(1, { timeout: 30_000 });
}
