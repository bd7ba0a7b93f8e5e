import { expect, type Page } from '@playwright/test';
import { openMainPage } from './openMainPage';

/**
 * Add a private note with a body on the Private notes page, and wait until both read back.
 *
 * @example
 *   await addPrivateNote(page, { title: 'Budget', body: 'Ask before March.' });
 */
export async function addPrivateNote(
  page: Page,
  input: { title: string; body: string },
): Promise<void> {
  await openMainPage(page, 'Private notes');
  await page.getByTestId('note-new-title').fill(input.title);
  await page.getByTestId('note-add').click();
  await expect(page.getByTestId('note-item').filter({ hasText: input.title })).toHaveCount(1);
  await expect(page.getByTestId('note-title')).toHaveValue(input.title);
  const body = page.getByTestId('note-body');
  await body.fill(input.body);
  await expect(body).toHaveValue(input.body);
}
