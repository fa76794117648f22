import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'main/**/*.test.ts',
      'renderer/src/**/*.test.{ts,tsx}',
      'templates/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['renderer/src/testing/jsdomCanvas.ts'],
    // Two cores here: engine tests are CPU-bound and must not fight each other for them.
    pool: 'forks',
    maxWorkers: 2,
    // Generated datasets are cached in a temporary folder, never in the user's cache (issue 12.3).
    env: { DEEPWIRE_CACHE_DIR: join(tmpdir(), 'deepwire-vitest-cache') },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
