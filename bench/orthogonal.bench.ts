/**
 * Orthogonal initialisation of the full star–galaxy template's dense kernels (3200×2048 and
 * 2048×2048): plain Float64 Gram–Schmidt in JavaScript (the baseline) against the blocked CGS2 on
 * the backend's matmul, plus compiling the whole template. Prints medians and the ratio; never
 * asserts on time.
 *
 *   npx tsx bench/orthogonal.bench.ts
 */
import { readFileSync } from 'node:fs';
import { selectBackend } from '../main/engine/backend';
import { compileGraph } from '../main/engine/compile';
import { blockedOrthonormalColumns, orthonormalColumns } from '../main/engine/compile/orthogonal';
import { Rng } from '../main/engine/datasets/rng';
import { parseProject } from '../shared/project';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(fn: () => void, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const backend = await selectBackend();
console.log(`backend: ${backend.backend}`);
for (const [m, n] of [
  [3200, 2048],
  [2048, 2048],
]) {
  const blocked = time(() => blockedOrthonormalColumns(m, n, new Rng(1)), 3);
  const plain = time(() => orthonormalColumns(m, n, new Rng(1)), 1);
  console.log(
    `${m}×${n}: plain JS ${(plain / 1000).toFixed(2)} s, blocked on ${backend.backend} ${(blocked / 1000).toFixed(2)} s (median of 3), ${(plain / blocked).toFixed(1)}× faster`,
  );
}
const parsed = parseProject(readFileSync('templates/star-galaxy.deepwire.json', 'utf8'));
if (!parsed.ok) throw new Error('star-galaxy template unreadable');
const compile = time(() => compileGraph(parsed.project.graph, { seed: 42 }).model.dispose(), 1);
console.log(`compile the full star–galaxy template (11.2 M weights): ${(compile / 1000).toFixed(2)} s`);
