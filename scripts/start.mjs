#!/usr/bin/env node
// `npm start`: build what is out of date, then open the desktop app — or, where Electron's binary
// is not installed, serve the same app to the browser and say why. Extra arguments go to
// `deepwire serve` in the browser case (e.g. npm start -- --port 5000).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { foreground } from './foreground.mjs';
import { isStale } from './freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(label, cmd, args) {
  console.log(`deepwire: ${label}…`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`deepwire: ${label} failed.`);
    process.exit(r.status ?? 1);
  }
}

/** The Electron executable, or why there is none. */
function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `the electron package points to ${path}, which does not exist` };
  } catch (error) {
    return { missing: error instanceof Error ? error.message : String(error) };
  }
}

const rendererSources = ['renderer', 'shared', 'templates'];
if (isStale('dist/renderer/index.html', rendererSources))
  run('building the app page (npm run build:renderer)', npm, ['run', '-s', 'build:renderer']);

const electron = electronBinary();
if (electron.path) {
  if (isStale('dist/main/electron.cjs', ['main', 'shared', 'scripts/build-main.mjs']))
    run('building the desktop shell (npm run build:main)', npm, ['run', '-s', 'build:main']);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set by some editors' terminals; it would make Electron a plain Node
  foreground(electron.path, ['.'], env);
} else {
  console.log(
    "\nElectron's binary is not installed (its download is blocked or was skipped) — the app runs in your browser instead.\n" +
      'For the desktop app: npm install electron\n' +
      `(${electron.missing})\n`,
  );
  foreground(process.execPath, ['bin/deepwire.mjs', 'serve', '--open', ...process.argv.slice(2)]);
}
