import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './src-main/host/electron-runtime-path';
import { ELECTRON_SKIP_REASON } from './e2e/support/electron-skip';

// Said once here, in the runner's own output, because the list reporter shows no skip reasons.
if (!findElectronBinary(__dirname)) process.stdout.write(`electron suite skipped: ${ELECTRON_SKIP_REASON}\n`);

/** Debian's Chromium; Playwright never downloads a browser of its own here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/support/require-test-build.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'browser',
      testDir: './e2e/browser',
      use: {
        browserName: 'chromium',
        viewport: { width: 1400, height: 850 },
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
        },
      },
    },
    { name: 'electron', testDir: './e2e/electron' },
  ],
});
