import { expect, type Page } from '@playwright/test';

/**
 * Open the pair's Privacy page from the pair's navigation and wait for its heading.
 *
 * @example
 *   await openPrivacy(mentor);
 */
export async function openPrivacy(page: Page): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Pair sections' })
    .getByRole('link', { name: 'Privacy', exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy and keys' })).toBeVisible();
}
