#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first failure.
// typecheck (each tsconfig) → lint (zero warnings) → format check (Prettier) → unit tests (Vitest) → end-to-end (Playwright),
// then one closing line with the test counts of both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, electronNotice } from './electronNotice.mjs';

const out = mkdtempSync(join(tmpdir(), 'deepwire-test-'));
const vitestJson = join(out, 'vitest.json');
const playwrightJson = join(out, 'playwright.json');

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['format', 'npm', ['run', '-s', 'format:check']],
  ['unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
  ['end-to-end', 'node', ['scripts/e2e.mjs', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson }],
];
ensureElectronTypes();

const only = process.env.DEEPWIRE_TEST_STEPS?.split(',');
for (const [name, cmd, args, env] of steps) {
  if (only && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
  if (r.status !== 0) {
    summary();
    process.exit(r.status ?? 1);
  }
}
summary();

/** One plain line: "tests: N passed, N failed, N skipped" over Vitest and Playwright. */
function summary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(vitestJson)) {
    const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
  if (existsSync(playwrightJson)) {
    const p = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats ?? {};
    passed += (p.expected ?? 0) + (p.flaky ?? 0);
    failed += p.unexpected ?? 0;
    skipped += p.skipped ?? 0;
  }
  if (passed + failed + skipped > 0) console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  // Not a quiet skip: say it last, where it is seen, when the desktop journeys did not run.
  const notice = electronNotice(
    existsSync(playwrightJson) ? JSON.parse(readFileSync(playwrightJson, 'utf8')) : undefined,
    electronBinary(),
  );
  if (notice) console.log(`\n${notice}`);
}

/**
 * Electron is an optional dependency: where its binary download fails (no network, as on CI), npm
 * drops the whole package, and with it the types the desktop shell is typechecked against. Fetch
 * the locked version's package (not its binary) into node_modules so the typecheck still runs.
 * `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install` avoids this step.
 */
function ensureElectronTypes() {
  if (existsSync('node_modules/electron/electron.d.ts')) return;
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const version = lock.packages?.['node_modules/electron']?.version;
  if (!version) return;
  console.log(
    `Electron's package is missing (its binary download failed); fetching electron@${version}'s types for the typecheck…`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'deepwire-electron-'));
  const pack = spawnSync('npm', ['pack', `electron@${version}`, '--pack-destination', dir, '--silent'], {
    stdio: 'inherit',
  });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (pack.status !== 0 || !tgz) {
    console.error(`Could not fetch electron@${version}. Run: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install`);
    process.exit(1);
  }
  mkdirSync('node_modules/electron', { recursive: true });
  const untar = spawnSync('tar', ['-xzf', join(dir, tgz), '-C', 'node_modules/electron', '--strip-components=1'], {
    stdio: 'inherit',
  });
  if (untar.status !== 0) process.exit(1);
}
