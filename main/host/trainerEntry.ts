import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The newest modification time of the TypeScript sources under `dirs` (recursively), in ms;
 * 0 when there are none.
 */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      } else if (/\.(ts|mts|cts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  dirs.forEach((dir) => {
    try {
      walk(dir);
    } catch {
      // a missing folder has no sources
    }
  });
  return newest;
}

/**
 * The trainer to fork from the repository at `root` for `deepwire train` and `deepwire serve`: the
 * bundle `npm start` and `npm run build:main` write (dist/main/trainer.cjs: plain Node, so the
 * trainer is ready about a second sooner than through tsx, bench/firstLoss.bench.ts) when it is
 * newer than every source it is built from (main/, shared/), otherwise the TypeScript source, run
 * through tsx. `DEEPWIRE_TRAINER=source` always takes the source.
 */
export function trainerEntry(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const source = join(root, 'main', 'engine', 'trainerMain.ts');
  if (env.DEEPWIRE_TRAINER === 'source') return source;
  const bundle = join(root, 'dist', 'main', 'trainer.cjs');
  let built: number;
  try {
    built = statSync(bundle).mtimeMs;
    statSync(join(root, 'dist', 'main', 'gradientWorker.cjs')); // its training threads, built with it
  } catch {
    return source;
  }
  return newestSource([join(root, 'main'), join(root, 'shared')]) < built ? bundle : source;
}
