/**
 * How every browser run here launches Chromium: Debian's build (Playwright cannot download its
 * own on these machines), without the background networking a closed network refuses.
 *
 * @example
 *   await chromium.launch(chromiumLaunchOptions());
 */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): {
  executablePath: string;
  args: string[];
} {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  };
}
