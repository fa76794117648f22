import { defineConfig } from '@playwright/test';
import type { Shell } from './e2e/appShell';
import { SERVE_COMMAND, SERVE_ORIGIN, SERVE_TOKEN } from './e2e/served';

/** Debian's Chromium (DESIGN.md, Testing); Playwright's own browser downloads are not used. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.DEEPWIRE_E2E_PORT ?? 4173);

export default defineConfig<{ shell: Shell }>({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two shared cores: one browser at a time.
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // The editor on its own (vite preview, the in-browser engine): no host, no trainer processes.
    { name: 'chromium', use: { browserName: 'chromium' }, testMatch: /editor\.spec\.ts/ },
    // Journeys through `deepwire serve` (the host, the WebSocket, the token, real trainers).
    {
      // Every other journey: a new spec file runs here without being listed.
      name: 'served',
      use: { browserName: 'chromium', baseURL: SERVE_ORIGIN },
      testMatch: /\.spec\.ts$/,
      testIgnore: /editor\.spec\.ts/,
    },
    // The same training journeys in the desktop app (`_electron.launch`, e2e/appShell.ts); each test
    // skips, saying why, where Electron's binary is not installed. Needs `npm run build:main`.
    { name: 'electron', use: { shell: 'electron' }, testMatch: /training\.spec\.ts/ },
    // Screenshots of every screen for a design review (e2e/review.shots.ts), only when asked.
    ...(process.env.DEEPWIRE_REVIEW_SHOTS
      ? [
          {
            name: 'review',
            use: { browserName: 'chromium' as const, baseURL: SERVE_ORIGIN },
            testMatch: /review\.shots\.ts/,
          },
        ]
      : []),
  ],
  // The built renderer (`npm run build:renderer` first, or DEEPWIRE_E2E_BUILD=1 to build here).
  webServer: [
    {
      command: `${process.env.DEEPWIRE_E2E_BUILD ? 'npx vite build --config renderer/vite.config.ts --logLevel warn && ' : ''}npx vite preview --config renderer/vite.config.ts --port ${PORT} --strictPort`,
      url: `http://localhost:${PORT}`,
      reuseExistingServer: true,
      timeout: 120_000,
    },
    {
      // Needs dist/renderer (scripts/e2e.mjs builds it); runs go to a scratch folder.
      command: SERVE_COMMAND,
      url: `${SERVE_ORIGIN}/?token=${SERVE_TOKEN}`,
      env: { DEEPWIRE_RUNS_DIR: 'test-results/runs' },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
