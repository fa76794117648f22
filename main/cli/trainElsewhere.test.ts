import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

// Regression: the trainer was forked with a bare `--import tsx`, which Node resolves from the working
// directory, so `deepwire train` run in a folder outside the checkout (where a user keeps their data)
// failed at once with "Cannot find package 'tsx'".
const bin = fileURLToPath(new URL('../../bin/deepwire.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'deepwire-elsewhere-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('trains from a working directory outside the checkout', () => {
  writeFileSync(
    join(dir, 'xor.deepwire.json'),
    JSON.stringify({
      format: 'deepwire-project',
      version: 2,
      name: 'elsewhere',
      graph: {
        nodes: [
          { id: 'in', kind: 'Input', params: { shape: [2] } },
          { id: 'out', kind: 'Dense', params: { units: 1, activation: 'sigmoid' } },
        ],
        edges: [{ source: 'in', target: 'out' }],
      },
      training: { dataset: { builtin: 'xor', options: { size: 64 } }, epochs: 1, batchSize: 16 },
    }),
  );
  const r = spawnSync(process.execPath, [bin, 'train', 'xor.deepwire.json'], {
    cwd: dir,
    env: { ...process.env, DEEPWIRE_RUNS_DIR: join(dir, 'runs') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.stderr).not.toMatch(/Cannot find package/);
  expect(r.stdout).toMatch(/Done after 1 epoch/);
  expect(r.status).toBe(0);
});
