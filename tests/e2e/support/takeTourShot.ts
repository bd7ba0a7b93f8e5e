import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

const TOUR_DIR = resolve(import.meta.dirname, '../../../docs/tour');

/**
 * A screenshot of the top of the page, into `docs/tour/<name>.png` for the README's tour. The
 * caret is hidden, focus and animations stopped, so two runs give the same picture.
 *
 * @example
 *   await takeTourShot(page, '03-overview');
 */
export async function takeTourShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({
    path: resolve(TOUR_DIR, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}
