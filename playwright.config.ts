import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Debian's Chromium (no `playwright install` here: no downloads); override with CHROMIUM_PATH. */
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/globalSetup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 2,
  // One retry: a test that fails twice fails the run; one that passes on its retry is listed as
  // flaky in the report (two are known on a loaded 2-core machine: the slide ruler and the
  // two-landmark-pair rotation, see the issue notes) and is to be fixed, not ignored.
  retries: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  projects: [
    {
      name: 'browser',
      testIgnore: /electron\//,
      use: {
        browserName: 'chromium',
        viewport: { width: 1600, height: 1000 },
        launchOptions: {
          executablePath: chromium,
          // No background traffic: the machine has no network and patient data stays local.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
});
