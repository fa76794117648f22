import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { runPython } from './pythonRunner';

// Regression: a Python that exits before reading its input (here: a missing module) made the write
// of a large input fail with EPIPE, an unhandled error that took down the test run in CI.
const root = mkdtempSync(join(tmpdir(), 'dw-python-runner-'));
afterEach(() => vi.unstubAllEnvs());
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('reports a Python that exits before reading its input, without an EPIPE escaping', async () => {
  const quitter = join(root, 'python-that-quits');
  writeFileSync(quitter, '#!/bin/sh\necho "ModuleNotFoundError: No module named \'torch\'" >&2\nexit 1\n');
  chmodSync(quitter, 0o755);
  vi.stubEnv('DEEPWIRE_PYTHON', quitter);
  const result = await runPython(['-'], { stdin: 'x'.repeat(8 * 1024 * 1024) });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/No module named 'torch'/);
});
