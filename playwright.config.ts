import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromiumLaunch';

// Every browser test runs against the real built app served by the real sync-server, each
// test file starting its own server on a free loopback port (see tests/support/serverProcess.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
  },
});
