import { expect, type Page } from '@playwright/test';

/**
 * Wait until the address bar holds no fragment (no `#` at all): an invite's or a device link's
 * fragment carries a key, and the page drops it as soon as it has read it.
 *
 * @example
 *   await joiner.goto(invite);
 *   await expectNoFragment(joiner);
 */
export async function expectNoFragment(page: Page): Promise<void> {
  await expect(page).toHaveURL(/^[^#]*$/);
}
