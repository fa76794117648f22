import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Every module the bundle of `entry` would load at run time (bundled inputs and external imports). */
async function modulesOf(entry: string): Promise<{ inputs: string[]; externals: string[] }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // npm packages stay external, as in scripts/build-main.mjs, so they show up as imports.
    packages: 'external',
    external: ['electron'],
  });
  const outputs = Object.values(result.metafile.outputs);
  return {
    inputs: Object.keys(result.metafile.inputs),
    externals: outputs.flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
  };
}

describe("the desktop app's main process (issue 15, item 4)", () => {
  it('never loads TF.js: the backend report comes from a probe process', async () => {
    const main = await modulesOf('main/electron/main.ts');
    expect(main.externals.filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
    expect(main.inputs.filter((p) => p.includes('engine/backend/'))).toEqual([]);
    // …while the probe itself does load it (so this check can fail).
    const probe = await modulesOf('main/engine/backend/probeMain.ts');
    expect(probe.externals).toContain('@tensorflow/tfjs');
  });
});
