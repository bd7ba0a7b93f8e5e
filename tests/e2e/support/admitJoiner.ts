// The handshake of an invite, as the two people do it: the joiner's screen shows a code after it
// asked to join; the inviter's pair page shows the request with its code; the inviter checks the
// two match (by phone, in life) and lets them in.
import { expect, type Page } from '@playwright/test';

const WAIT = { timeout: 30_000 };

/**
 * Waits for `joiner`'s request on `inviter`'s pair page, checks both show one code, admits.
 *
 * @example
 *   await mentee.goto(invite);
 *   await setUpProfile(mentee, MENTEE);
 *   await admitJoiner(mentor, mentee);
 */
export async function admitJoiner(inviter: Page, joiner: Page): Promise<string> {
  const code = joiner.getByTestId('join-code');
  await expect(code).toHaveText(/^\d{3} \d{3}$/, WAIT);
  const shown = (await code.textContent()) ?? '';
  const request = inviter.getByTestId('join-request');
  await expect(request).toHaveCount(1, WAIT);
  await expect(request.getByTestId('join-request-code')).toHaveText(shown);
  await request.getByTestId('admit-join').click();
  await expect(request).toHaveCount(0, WAIT);
  return shown;
}
