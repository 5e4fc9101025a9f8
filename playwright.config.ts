import { defineConfig, devices, type LaunchOptions } from '@playwright/test';

/**
 * The suite drives the system Chromium (no Playwright browser downloads). Point CHROMIUM_PATH at
 * another binary to override. No `channel` is set anywhere, so `executablePath` is what runs.
 */
const launchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-quic',
    '--no-first-run',
    '--disable-sync',
  ],
};

// Drop any `channel` a device preset might carry: a channel would override executablePath.
const { channel: _channel, ...desktopChrome } = devices[
  'Desktop Chrome'
] as (typeof devices)['Desktop Chrome'] & {
  channel?: string;
};

/** E2E_PORT and E2E_DIST let several checkouts or builds run the suite side by side. */
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    {
      name: 'chromium',
      use: { ...desktopChrome, launchOptions },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --outDir ${dist}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
