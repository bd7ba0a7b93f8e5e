import { expect, type Page } from '@playwright/test';

/** The pair's sections: the link's name, and the heading of the page it opens. */
const SECTION_HEADINGS = {
  Overview: 'Overview',
  Agreement: 'Agreement',
  Goals: 'Goals',
  Sessions: 'Sessions',
} as const;

export type PairSectionName = keyof typeof SECTION_HEADINGS;

/**
 * Open a section from the pair's navigation, as a person would, and wait for its heading.
 *
 * @example
 *   await openPairSection(page, 'Agreement');
 */
export async function openPairSection(page: Page, name: PairSectionName): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Pair sections' })
    .getByRole('link', { name, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(
    page.getByRole('heading', { level: 1, name: SECTION_HEADINGS[name], exact: true }),
  ).toBeVisible();
}
