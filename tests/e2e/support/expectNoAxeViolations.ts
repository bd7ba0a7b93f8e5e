import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Run axe-core on the page as it is now and fail with a readable list when anything is wrong:
 * rule, impact and the elements at fault, so the report says what to fix.
 *
 * @example
 *   await expectNoAxeViolations(page, 'goals');
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const problems = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n'),
  );
  expect(problems, `axe violations on the ${screen} screen`).toEqual([]);
}
