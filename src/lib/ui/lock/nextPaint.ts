/**
 * Resolves after the browser has painted the current state. Argon2id runs synchronously on the
 * main thread for about a second, so a busy label set just before it would never be seen unless
 * the page paints first.
 *
 * @example
 *   busy = true;
 *   await nextPaint();
 *   const result = await onUnlock(passphrase);
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') {
      resolve();
      return;
    }
    // The frame callback runs before the paint; the timeout after it.
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}
