import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How a gradient worker is started: a script file, or code to evaluate. */
export type WorkerScript = { file: URL } | { eval: string };

let bundled: Promise<WorkerScript> | null = null;

/**
 * The gradient worker's script. The desktop app ships it bundled next to the trainer
 * (dist/main/gradientWorker.cjs). From the checkout it is bundled once per process with esbuild (a
 * dependency of tsx) into node_modules/.cache/deepwire/, npm packages left external: loading
 * TF.js's ESM sources through tsx's loader took a worker 6 s, its CommonJS build 1 s. If that
 * fails, the worker runs the TypeScript through tsx's loader.
 */
export function gradientWorkerScript(): Promise<WorkerScript> {
  const self = import.meta.url;
  if (self.endsWith('.cjs')) return Promise.resolve({ file: new URL('./gradientWorker.cjs', self) });
  bundled ??= bundle(fileURLToPath(new URL('./gradientWorker.ts', self))).catch(() => throughTsx(self));
  return bundled;
}

async function bundle(entry: string): Promise<WorkerScript> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    // As scripts/build-main.mjs does: import.meta.url becomes the bundle's own URL.
    banner: { js: 'const __deepwireImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__deepwireImportMetaUrl' },
  });
  const code = result.outputFiles[0].contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  // Inside the checkout's node_modules, so that the bundle's require() finds the packages.
  const dir = join(fileURLToPath(new URL('../../../', import.meta.url)), 'node_modules', '.cache', 'deepwire');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `gradientWorker-${hash}.cjs`);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, code);
  await rename(temp, file); // atomic: a concurrent trainer never sees half a file
  return { file: pathToFileURL(file) };
}

function throughTsx(self: string): WorkerScript {
  const manifest = createRequire(self).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(manifest.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./gradientWorker.ts', self).href;
  return {
    eval: `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
  };
}
