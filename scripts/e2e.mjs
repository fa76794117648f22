#!/usr/bin/env node
// End-to-end tests: make sure Debian's Chromium is there, build the app page, run Playwright.
// Extra arguments go to `playwright test` (e.g. node scripts/e2e.mjs --project=served).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  return r.status ?? 1;
}

const specs = existsSync('e2e') ? readdirSync('e2e').filter((f) => /\.spec\.[cm]?[jt]s$/.test(f)) : [];
if (specs.length === 0) {
  console.log('e2e: there are no end-to-end specs in e2e/ yet; nothing to run.');
  process.exit(0);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CHROMIUM_PATH) {
    console.error(`e2e: CHROMIUM_PATH is ${chromium}, which does not exist. Point it at a Chromium or Chrome binary.`);
    process.exit(1);
  }
  if (process.getuid?.() === 0) {
    console.log("e2e: Chromium is missing; installing Debian's (apt-get install -y chromium)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], { env }) !== 0 ||
      run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) !== 0 ||
      !existsSync(chromium)
    ) {
      console.error('e2e: installing Chromium failed; see the apt-get output above.');
      process.exit(1);
    }
  } else {
    console.error(
      'e2e: the end-to-end tests need Chromium at /usr/bin/chromium.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
        '  elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/it',
    );
    process.exit(1);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
console.log('e2e: building the app page (npm run build:renderer)…');
if (run(npm, ['run', '-s', 'build:renderer']) !== 0) process.exit(1);

// The Electron project runs the same journeys in the desktop app where its binary exists.
if (electronBinary()) {
  console.log('e2e: Electron is installed; building the desktop bundle (npm run build:main)…');
  if (run(npm, ['run', '-s', 'build:main']) !== 0) process.exit(1);
}

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
process.exit(
  run(npx, ['playwright', 'test', ...process.argv.slice(2)], { env: { ...process.env, CHROMIUM_PATH: chromium } }),
);
