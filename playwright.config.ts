// End-to-end tests (`npm run test:e2e`): the whole app, window and host, driven by Playwright.
//
// - chromium-harness: the built window in Debian's Chromium, served by the browser harness
//   (src/harness) with the desktop host behind it, against the demo tenant.
// - electron: the same specs against the Electron app when an Electron binary is installed;
//   otherwise every test is skipped and says why (see test/e2e/support/electron-app.ts).
//
// Each test starts its own harness on a fresh data folder, and its own Chromium, because
// Chromium must trust that run's demo tenant certificate (made in the data folder) when it
// starts. So the `browser` fixture's launch options are not used; test/e2e/support/launch.ts
// launches Chromium with CHROMIUM_LAUNCH below plus the certificate's key.
import { defineConfig } from '@playwright/test';
import type { DeskShellOptions } from './test/e2e/support/app-fixture.ts';

export default defineConfig<DeskShellOptions>({
  testDir: './test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: './test-results/e2e',
  // Two cores: the harness, its demo tenant and Chromium already keep both busy.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: './test-results/e2e-report' }]],
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    viewport: { width: 1400, height: 900 },
  },
  projects: [
    { name: 'chromium-harness', use: { deskShell: 'web' } },
    { name: 'electron', use: { deskShell: 'electron' } },
  ],
});
