#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first failure.
// typecheck (each tsconfig) → lint (zero warnings) → unit tests (Vitest) → end-to-end (Playwright).
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['unit tests', 'npx', ['vitest', 'run']],
  ['end-to-end', 'node', ['scripts/e2e.mjs']],
];
const only = process.env.DEEPWIRE_TEST_STEPS?.split(',');
for (const [name, cmd, args] of steps) {
  if (only && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
