import { expect, type Page } from '@playwright/test';

/**
 * The safety code on the Privacy page, as six groups of five digits separated by one space.
 *
 * @example
 *   expect(await readSafetyCode(mentor)).toBe(await readSafetyCode(mentee));
 */
export async function readSafetyCode(page: Page): Promise<string> {
  const digits = page.getByTestId('safety-code-digits');
  await expect(digits).toHaveText(/^\s*\d{5}(\s+\d{5}){5}\s*$/, { timeout: 30_000 });
  return ((await digits.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
