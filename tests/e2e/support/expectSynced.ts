import { expect, type Page } from '@playwright/test';

/**
 * Wait until the sync badge says "Synced" with nothing waiting to be sent or set aside.
 *
 * @example
 *   await expectSynced(mentor);
 */
export async function expectSynced(page: Page, timeout = 30_000): Promise<void> {
  const status = page.getByTestId('sync-status');
  await expect(status).toContainText('Synced', { timeout });
  await expect(status).not.toContainText(/waiting|set aside/i, { timeout });
}
