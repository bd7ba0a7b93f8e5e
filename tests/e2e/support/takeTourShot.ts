import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

// The README's pictures change only when asked for (`TRELLIS_UPDATE_TOUR=1 npm run test:e2e`):
// dates and times in them differ on every run, and a test run should not dirty the work tree.
const TOUR_DIR = process.env.TRELLIS_UPDATE_TOUR
  ? resolve(import.meta.dirname, '../../../docs/tour')
  : resolve(import.meta.dirname, '../../../test-results/tour');

/**
 * A screenshot of the top of the page, into `<tour dir>/<name>.png` for the README's tour. The
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
