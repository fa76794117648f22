#!/usr/bin/env node
// Bundles the desktop app's Node side with esbuild into dist/main/:
//   electron.cjs (main process, package.json "main"), preload.cjs (sandboxed preload), trainer.cjs
//   (the trainer process, run by Electron's utilityProcess), backendProbe.cjs (the same, only to
//   report which backend a trainer gets), gradientWorker.cjs (its training threads).
// The main process and the trainer keep npm dependencies external (they ship in node_modules, and
// tfjs has native and wasm parts that must not be bundled); the sandboxed preload cannot require
// anything but electron, so it is bundled whole.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];

// ESM source uses import.meta.url; in a CommonJS bundle it becomes this file's own URL.
const importMetaUrl = {
  banner: { js: 'const __deepwireImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__deepwireImportMetaUrl' },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

const started = Date.now();
await Promise.all([
  build({
    ...common,
    ...importMetaUrl,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'dist/main/electron.cjs',
    external: ['electron', '@tensorflow/*', ...dependencies],
  }),
  build({
    ...common,
    entryPoints: ['main/electron/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    external: ['electron'],
    sourcemap: false,
  }),
  build({
    ...common,
    ...importMetaUrl,
    entryPoints: ['main/engine/trainerMain.ts'],
    outfile: 'dist/main/trainer.cjs',
    external: ['electron', '@tensorflow/*', ...dependencies],
  }),
  // The backend probe: which backend a trainer gets, asked without loading TF.js in the main process.
  build({
    ...common,
    ...importMetaUrl,
    entryPoints: ['main/engine/backend/probeMain.ts'],
    outfile: 'dist/main/backendProbe.cjs',
    external: ['electron', '@tensorflow/*', ...dependencies],
  }),
  // The trainer's data-parallel gradient workers (main/engine/parallel), started from trainer.cjs.
  build({
    ...common,
    ...importMetaUrl,
    entryPoints: ['main/engine/parallel/gradientWorker.ts'],
    outfile: 'dist/main/gradientWorker.cjs',
    external: ['electron', '@tensorflow/*', ...dependencies],
  }),
]);
console.log(
  `build-main: dist/main/{electron,preload,trainer,backendProbe,gradientWorker}.cjs in ${Date.now() - started} ms`,
);
