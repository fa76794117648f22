import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The folder holding `tfjs-backend-wasm*.wasm`, with a trailing separator as `setWasmPaths` wants.
 *
 * In Node the wasm backend would otherwise look for its binaries next to the calling script (or
 * fetch them from a CDN in a browser); resolving the installed package's `dist/` makes it load from
 * disk, offline, from wherever npm put it.
 */
export function locateWasmFiles(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(packageJson), 'dist') + path.sep;
}
