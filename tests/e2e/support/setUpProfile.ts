import { expect, type Page } from '@playwright/test';

/**
 * Fill in and save the first-run profile form (on the home page or the join page).
 *
 * @example
 *   await setUpProfile(page, { name: 'Ben Okafor', role: 'mentor' });
 */
export async function setUpProfile(
  page: Page,
  input: { name: string; role: 'mentor' | 'mentee' },
): Promise<void> {
  await expect(page.getByTestId('profile-form')).toBeVisible();
  await page.getByTestId('profile-name').fill(input.name);
  await page.getByTestId(`profile-role-${input.role}`).check();
  await page.getByTestId('profile-save').click();
}
